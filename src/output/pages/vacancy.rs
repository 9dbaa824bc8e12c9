//! A vacancy's page: the advert with its facts, dates, contact, campaign and benefits while it is
//! open (with its JobPosting data); once closed, a notice at the same address with open roles in
//! the same team.

use super::{typed, Base, Page};
use crate::input::dates;
use crate::model::content::Vacancy;
use crate::model::publish::Selection;
use crate::output::article_views::{brief, Brief};
use crate::output::plan::{page, Dependencies, Output, Subject};
use crate::output::render::Renderer;
use crate::output::routes::{self, Facet};
use crate::output::views::{self, CampaignView, Link, PageMeta, VacancyCard};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "vacancy.html";
/// How many open roles in the same team a closed vacancy's notice lists (the team page has all).
const SAME_TEAM_LIST: usize = 10;

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
    same_team: Option<Vec<VacancyCard<'a>>>,
    team_url: String,
}

#[derive(Serialize)]
struct ContactView<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

/// Open vacancies, then closed ones. Each shows itself and its campaign's details and open count;
/// a closed notice also lists open roles.
pub(crate) fn plan<'a>(library: &crate::model::content::Library, selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    let campaign_of = |v: &'a Vacancy| v.campaign.as_ref().map(|c| c.value.as_str());
    for v in &selection.open {
        let depends = Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: false };
        let mut o = page(routes::vacancy(&v.stem), Subject::Vacancy(v), depends);
        o.lastmod = Some(v.changed_at.to_zoned(library.site.timezone.clone()).date().to_string());
        out.push(o);
    }
    for v in &selection.closed {
        let depends = Dependencies { vacancy: Some(&v.stem), campaign: campaign_of(v), open_set: true };
        let mut o = page(routes::vacancy(&v.stem), Subject::ClosedVacancy(v), depends);
        o.sitemap = None;
        out.push(o);
    }
}

pub(crate) fn context<'a>(r: &Renderer<'a>, v: &'a Vacancy, closed: bool) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let sel = &r.selection;
    let path = routes::vacancy(&v.stem);
    let mut meta = PageMeta::new(site, &v.title, &v.summary, &path, "jobs");
    meta.noindex = closed;
    if !closed {
        meta = meta.with_jsonld(vec![crate::output::structured::job_posting(v, site)]);
    }
    let campaign = v.campaign.as_ref().and_then(|c| sel.campaign(&c.value));
    let recruitment = sel.recruitment_dates(v);
    let same_team =
        closed.then(|| r.cards(sel.open.iter().filter(|o| o.team == v.team && o.stem != v.stem).take(SAME_TEAM_LIST)));
    typed(
        TEMPLATE,
        &VacancyPage {
            base: r.base(meta),
            vacancy: views::vacancy_card(v, r.library, r.rules),
            closed,
            closed_on: dates::long_date(v.closes.date()),
            body: &v.body.html,
            posted: dates::long_moment(&v.posted),
            apply_url: &v.apply_url,
            contact: v.contact.as_ref().map(|c| ContactView {
                name: c.name.as_deref(),
                email: c.email.as_deref(),
                phone: c.phone.as_deref(),
            }),
            shortlisting: recruitment.shortlisting.map(dates::long_moment),
            interviews: views::moments(recruitment.interviews),
            campaign: campaign.map(|c| views::campaign_view(site, c, sel.open_in_campaign(&c.stem).len())),
            benefits: v.benefits.iter().filter_map(|b| sel.benefit(&b.value)).map(|b| brief(site, b)).collect(),
            share: views::share_links(&v.title, &site.absolute(&path)),
            same_team,
            team_url: site.path(&routes::facet(Facet::Team, &site.teams[v.team].slug, 1)),
        },
    )
}
