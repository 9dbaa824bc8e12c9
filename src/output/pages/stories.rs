//! Staff stories: the list, and each story's page (films with captions and transcripts).

use super::{typed, Base, Page};
use crate::model::content::Story;
use crate::model::publish::Selection;
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, RoleLink, StoryView};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes::{self, Facet};
use serde::Serialize;

pub(crate) const LIST_TEMPLATE: &str = "stories.html";
pub(crate) const TEMPLATE: &str = "story.html";

#[derive(Serialize)]
struct StoriesPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    stories: Vec<StoryView<'a>>,
}

#[derive(Serialize)]
struct StoryPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    story: StoryView<'a>,
    /// The open roles in the person's team, when the story names one of the site's teams.
    #[serde(skip_serializing_if = "Option::is_none")]
    team_roles: Option<TeamRoles<'a>>,
}

/// Where a persuaded reader goes next: up to five open roles in the story's team, and the team's
/// page (or, with none open, the register-interest page).
#[derive(Serialize)]
struct TeamRoles<'a> {
    team: &'a str,
    url: String,
    count: usize,
    roles: Vec<RoleLink<'a>>,
}

/// How many of the team's open roles a story lists.
const TEAM_ROLES_SHOWN: usize = 5;

/// The list when a story is published, then each story.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    if selection.sections.stories {
        out.push(page(routes::STORIES.to_string(), Subject::Page(PageKind::Stories), Dependencies::NONE));
    }
    for s in &selection.stories {
        // A story that names a team lists its open roles, so it follows the open set.
        let depends = if s.team.is_some() { Dependencies::OPEN_SET } else { Dependencies::NONE };
        out.push(page(routes::story(&s.stem), Subject::Page(PageKind::Story(s)), depends));
    }
}

pub(crate) fn list_context(r: &Renderer) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta =
        PageMeta::new(site, "Staff stories", "Our social workers talk about their work", routes::STORIES, "stories");
    let stories = r.selection.stories.iter().map(|s| views::story_view(site, s)).collect();
    typed(LIST_TEMPLATE, &StoriesPage { base: r.base(meta), stories })
}

pub(crate) fn context<'a>(r: &Renderer<'a>, s: &'a Story) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let mut meta = PageMeta::new(site, &s.title, &s.summary, &routes::story(&s.stem), "stories").with_draft(s.draft);
    meta.kind = "article";
    if let Some(photo) = &s.photo {
        if let Some(raster) = crate::output::pages::views::share_image(site, photo) {
            meta.image = Some(raster);
        }
    }
    let team_roles = s.team.as_deref().and_then(|name| site.teams.iter().position(|t| t.answers_to(name))).map(|i| {
        let open = &r.members(Facet::Team)[i];
        TeamRoles {
            team: &site.teams[i].name,
            url: site.path(&routes::facet(Facet::Team, &site.teams[i].slug, 1)),
            count: open.len(),
            roles: open.iter().take(TEAM_ROLES_SHOWN).map(|v| views::role_link(site, v, r.rules.now)).collect(),
        }
    });
    typed(TEMPLATE, &StoryPage { base: r.base(meta), story: views::story_view(site, s), team_roles })
}
