//! A vacancy's page: the advert with its facts, dates, contact, campaign and benefits while it is
//! open (with its JobPosting data); once closed, a notice at the same address with open roles in
//! the same team.

use super::{typed, Base, Page};
use crate::input::dates;
use crate::model::content::Vacancy;
use crate::model::publish::Selection;
use crate::output::format;
use crate::output::pages::article_views::{brief, Brief};
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, CampaignView, Link, ListedCard, VacancyCard};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes::{self, Facet};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "vacancy.html";
/// How many open roles in the same team a closed vacancy's notice lists (the team page has all).
const SAME_TEAM_LIST: usize = 10;
/// Other open roles an open vacancy's page suggests, in its team and at its level.
const OTHER_ROLES: usize = 5;

#[derive(Serialize)]
struct VacancyPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    vacancy: VacancyCard<'a>,
    closed: bool,
    closed_on: String,
    body: &'a str,
    posted: String,
    apply_url: &'a str,
    contact: Option<ContactView<'a>>,
    shortlisting: Option<String>,
    interviews: Vec<String>,
    campaign: Option<CampaignView<'a>>,
    benefits: Vec<Brief<'a>>,
    share: Vec<Link<'static>>,
    /// Only on a closed vacancy's notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    same_team: Option<Vec<ListedCard<'r>>>,
    /// On an open vacancy's page: other open roles in its team, and at its level.
    other_in_team: Vec<views::RoleLink<'a>>,
    other_at_level: Vec<views::RoleLink<'a>>,
    /// The site's statements, after the advert.
    statements: Vec<StatementView<'a>>,
    team_url: String,
    /// On a portal: the council that advertises it, and its own advert (the canonical page).
    #[serde(skip_serializing_if = "Option::is_none")]
    council: Option<CouncilView<'a>>,
}

#[derive(Serialize)]
struct CouncilView<'a> {
    name: &'a str,
    /// The council's page on the portal.
    url: String,
    /// The council's own advert.
    advert_url: &'a str,
}

#[derive(Serialize)]
struct ContactView<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    /// The phone number as a `tel:` address: its digits, with a leading `+` kept.
    phone_href: Option<String>,
}

#[derive(Serialize)]
struct StatementView<'a> {
    title: &'a str,
    html: &'a str,
}

/// Open vacancies, then closed ones. Each shows itself and its campaign's details and open count;
/// a closed notice also lists open roles.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    let campaign_of = |v: &'a Vacancy| v.campaign.as_ref().map(|c| c.value.as_str());
    for v in &selection.open {
        // It suggests other open roles, so it follows the open set.
        let depends = Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: true };
        let mut o = page(routes::vacancy(&v.stem), Subject::Page(PageKind::Vacancy(v)), depends);
        o.lastmod = Some(v.changed_at);
        // A portal's copy of a council's advert: the council's page is the one to index.
        o.listed = v.source.is_none();
        out.push(o);
    }
    for v in &selection.closed {
        let depends = Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: true };
        let mut o = page(routes::vacancy(&v.stem), Subject::Page(PageKind::ClosedVacancy(v)), depends);
        o.listed = false;
        out.push(o);
    }
}

pub(crate) fn context<'a>(r: &Renderer<'a>, v: &'a Vacancy, closed: bool) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let sel = &r.selection;
    let path = routes::vacancy(&v.stem);
    let mut meta = PageMeta::new(site, &v.title, &v.summary, &path, "jobs");
    meta.noindex = closed;
    meta = meta.with_draft(v.draft);
    let council = v.source.as_ref().and_then(|s| Some((s, site.council(s.council)?)));
    if let Some((sourced, _)) = council {
        // The council's own advert is canonical; the portal's copy carries no JobPosting data.
        meta.url = sourced.advert_url.clone();
    } else if !closed && !v.internal_only {
        // An internal-only role is not for search engines' job listings.
        meta = meta.with_jsonld(vec![crate::output::pages::structured::job_posting(v, site)]);
    }
    let campaign = v.campaign.as_ref().and_then(|c| sel.campaign(&c.value));
    let recruitment = sel.recruitment_dates(v);
    let same_team = closed
        .then(|| r.cards(sel.open.iter().filter(|o| o.team == v.team && o.stem != v.stem).take(SAME_TEAM_LIST)))
        .transpose()?;
    let others = |same: &dyn Fn(&Vacancy) -> bool| -> Vec<views::RoleLink<'a>> {
        if closed {
            return Vec::new();
        }
        sel.open
            .iter()
            .filter(|o| o.stem != v.stem && same(o))
            .take(OTHER_ROLES)
            .map(|o| views::role_link(site, o, r.rules.now))
            .collect()
    };
    typed(
        TEMPLATE,
        &VacancyPage {
            base: r.base(meta),
            vacancy: views::vacancy_card(v, r.library, r.rules),
            closed,
            // Only a vacancy with a closing date can have closed.
            closed_on: v.closes.on().map(|c| dates::long_date(c.date())).unwrap_or_default(),
            body: &v.body.html,
            posted: dates::long_moment(&v.posted),
            apply_url: &v.apply_url,
            contact: v.contact.as_ref().map(|c| ContactView {
                name: c.name.as_deref(),
                email: c.email.as_deref(),
                phone: c.phone.as_deref(),
                phone_href: c.phone.as_deref().and_then(format::tel),
            }),
            shortlisting: recruitment.shortlisting.map(dates::long_moment),
            interviews: views::moments(recruitment.interviews),
            campaign: campaign.map(|c| views::campaign_view(site, c, sel.open_in_campaign(&c.stem).len())),
            benefits: v.benefits.iter().filter_map(|b| sel.benefit(&b.value)).map(|b| brief(site, b)).collect(),
            share: views::share_links(&v.title, &site.absolute(&path)),
            same_team,
            other_in_team: others(&|o| o.team == v.team),
            other_at_level: others(&|o| o.level == v.level),
            // A council's advert carries its own statements.
            statements: match council {
                Some(_) => Vec::new(),
                None => site.statements.iter().map(|s| StatementView { title: &s.title, html: &s.html }).collect(),
            },
            team_url: site.path(&routes::facet(Facet::Team, &site.teams[v.team].slug, 1)),
            council: council.map(|(sourced, c)| CouncilView {
                name: &c.name,
                url: site.path(&routes::facet(Facet::Council, &c.slug, 1)),
                advert_url: &sourced.advert_url,
            }),
        },
    )
}
