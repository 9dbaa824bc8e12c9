//! Staff stories: the list, and each story's page (films with captions and transcripts).

use super::{typed, Base, Page};
use crate::model::content::Story;
use crate::model::publish::Selection;
use crate::output::plan::{page, Dependencies, Output, Subject};
use crate::output::render::Renderer;
use crate::output::routes;
use crate::output::views::{self, PageMeta, StoryView};
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
}

/// The list when a story is published, then each story.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    if selection.sections.stories {
        out.push(page(routes::STORIES.to_string(), Subject::Stories, Dependencies::NONE));
    }
    for s in &selection.stories {
        out.push(page(routes::story(&s.stem), Subject::Story(s), Dependencies::NONE));
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
        if let Some(raster) = crate::output::views::share_image(site, photo) {
            meta.image = Some(raster);
        }
    }
    typed(TEMPLATE, &StoryPage { base: r.base(meta), story: views::story_view(site, s) })
}
