//! The home page: the council's message (from `content/_index.md`), featured roles, roles closing soon, campaigns with open roles, a staff story
//! and the start of the employment offer.

use super::{typed, Base, Page};
use crate::model::content::Vacancy;
use crate::output::pages::article_views::{brief, Brief};
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, CampaignView, ListedCard, StoryView};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes::{self, Scope};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "home.html";
/// Roles closing within this many days are listed as closing soon.
const HOME_CLOSING_WITHIN_DAYS: i32 = 14;
/// How many roles each list on the home page shows.
const LIST_LENGTH: usize = 6;

#[derive(Serialize)]
struct HomePage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    featured: Vec<ListedCard<'r>>,
    closing_soon: Vec<ListedCard<'r>>,
    open_count: usize,
    campaigns: Vec<CampaignView<'a>>,
    story: Option<StoryView<'a>>,
    benefits: Vec<Brief<'a>>,
    /// The council's own words from `content/_index.md`, when it has written them.
    #[serde(skip_serializing_if = "Option::is_none")]
    intro: Option<Intro<'a>>,
}

/// The home page's message: its title, a summary when it says more than the first paragraph,
/// and the words.
#[derive(Serialize)]
struct Intro<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    body: &'a str,
    hero_image: Option<&'a str>,
    hero_image_alt: Option<&'a str>,
}

/// The home page lists and counts open roles.
pub(crate) fn plan(out: &mut Vec<Output>) {
    out.push(page(routes::HOME.to_string(), Subject::Page(PageKind::Home), Dependencies::OPEN_SET));
}

pub(crate) fn context(r: &Renderer) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let sel = &r.selection;
    let meta = PageMeta::new(
        site,
        &site.title,
        format!("Jobs and careers in children's services at {}", site.organisation.name),
        routes::HOME,
        "home",
    )
    .with_vacancy_feeds(site, Scope::All)
    .with_jsonld(crate::output::pages::structured::home(site));
    let featured: Vec<_> = sel.open.iter().filter(|v| v.featured).take(LIST_LENGTH).collect();
    let today = r.rules.now.to_zoned(site.timezone.clone()).date();
    let mut soon: Vec<&&Vacancy> = sel
        .open
        .iter()
        .filter(|v| v.closes.on().is_some_and(|c| (c.date() - today).get_days() < HOME_CLOSING_WITHIN_DAYS))
        .collect();
    soon.sort_by(|a, b| (a.closes_at, &a.reference.value).cmp(&(b.closes_at, &b.reference.value)));
    soon.truncate(LIST_LENGTH);
    let campaigns = sel
        .campaigns
        .iter()
        .map(|c| views::campaign_view(site, c, sel.open_in_campaign(&c.stem).len()))
        .filter(|c| c.open_count > 0)
        .collect();
    typed(
        TEMPLATE,
        &HomePage {
            base: r.base(meta),
            featured: r.cards(featured)?,
            closing_soon: r.cards(soon)?,
            open_count: sel.open.len(),
            campaigns,
            story: sel.stories.first().map(|s| views::story_view(site, s)),
            benefits: sel.benefits.iter().take(3).map(|b| brief(site, b)).collect(),
            intro: r.library.home.as_ref().filter(|p| !p.draft || r.rules.drafts).map(|p| Intro {
                title: &p.title,
                summary: (p.summary != p.body.first_paragraph).then_some(p.summary.as_str()),
                body: &p.body.html,
                hero_image: p.hero_image.as_deref(),
                hero_image_alt: p.hero_image_alt.as_deref(),
            }),
        },
    )
}
