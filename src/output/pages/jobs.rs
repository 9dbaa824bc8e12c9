//! The jobs listing, page by page: on its first page the table of roles open at each level in
//! each type of team; on every page the filters with their counts and the open vacancies.

use super::{typed, Base, Page};
use crate::model::content::{Library, WorkingPattern};
use crate::model::publish::Selection;
use crate::output::pages::render::{FacetLinks, Renderer};
use crate::output::pages::site_view::PageMeta;
use crate::output::pages::views::{self, Link, ListedCard, Pagination, TermLink};
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes::{self, Facet, Scope};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "jobs.html";
/// Roles listed in one cell of the team × level table; more are counted, with a link to the
/// team's page, so the table stays readable (and the page small) on a large site.
const CELL_LIST: usize = 6;

#[derive(Serialize)]
struct JobsPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    vacancies: Vec<ListedCard<'r>>,
    /// Only on the first page.
    #[serde(skip_serializing_if = "Option::is_none")]
    matrix: Option<Matrix<'a>>,
    pagination: Pagination,
    facets: &'r [FacetLinks<'a>],
    /// The working patterns the search can filter by, as `[name, label]`.
    patterns: Vec<[&'static str; 2]>,
}

/// The roles open at each level in each type of team: rows are teams, columns are levels.
#[derive(Serialize)]
struct Matrix<'a> {
    levels: Vec<TermLink<'a>>,
    rows: Vec<MatrixRow<'a>>,
}

#[derive(Serialize)]
struct MatrixRow<'a> {
    team: TermLink<'a>,
    /// Each level's first roles.
    cells: Vec<Vec<Link<'a>>>,
    /// Each level's roles beyond those, if any: `more[i]` goes with `cells[i]`.
    more: Vec<Option<MoreRoles>>,
}

/// "and 212 more Fostering roles", linking to the team's page.
#[derive(Serialize)]
struct MoreRoles {
    count: usize,
    url: String,
}

/// As many pages as the open vacancies fill; each lists and counts them.
pub(crate) fn plan<'a>(library: &Library, selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    for n in 1..=routes::page_count(selection.open.len(), library.site.page_size) {
        out.push(page(routes::jobs(n), Subject::Page(PageKind::Jobs(n)), Dependencies::OPEN_SET));
    }
}

pub(crate) fn context(r: &Renderer, n: usize) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let sel = &r.selection;
    let pagination = views::pagination(site, routes::JOBS, n, sel.open.len());
    let meta = PageMeta::new(
        site,
        "Current vacancies",
        format!("Every open social work vacancy at {}", site.organisation.name),
        &routes::jobs(n),
        "jobs",
    )
    .with_vacancy_feeds(site, Scope::All)
    .with_pagination(site, &pagination);
    typed(
        TEMPLATE,
        &JobsPage {
            base: r.base(meta),
            vacancies: r.cards(page_of(&sel.open, n, site.page_size))?,
            matrix: (n == 1).then(|| matrix(r)),
            pagination,
            facets: r.facets(),
            patterns: WorkingPattern::ALL.iter().map(|p| [p.name(), p.label()]).collect(),
        },
    )
}

/// The vacancies on page `n` (from 1) of a listing.
pub(crate) fn page_of<T>(list: &[T], n: usize, page_size: usize) -> &[T] {
    let start = ((n - 1) * page_size).min(list.len());
    &list[start..(start + page_size).min(list.len())]
}

fn matrix<'a>(r: &Renderer<'a>) -> Matrix<'a> {
    let site = &r.library.site;
    // One pass over the open vacancies, in listing order, into their cells.
    let mut cells: Vec<Vec<Vec<Link>>> = vec![vec![Vec::new(); site.levels.len()]; site.teams.len()];
    let mut counts = vec![vec![0usize; site.levels.len()]; site.teams.len()];
    for v in &r.selection.open {
        counts[v.team][v.level] += 1;
        if counts[v.team][v.level] <= CELL_LIST {
            cells[v.team][v.level].push(Link { url: site.path(&routes::vacancy(&v.stem)), text: &v.title });
        }
    }
    let rows = site
        .teams
        .iter()
        .zip(cells.into_iter().zip(counts))
        .map(|(team, (cells, counts))| {
            let team_page = site.path(&routes::facet(Facet::Team, &team.slug, 1));
            let more = counts
                .iter()
                .map(|&n| (n > CELL_LIST).then(|| MoreRoles { count: n - CELL_LIST, url: team_page.clone() }))
                .collect();
            MatrixRow { team: views::term_link(site, team, Facet::Team), cells, more }
        })
        .collect();
    Matrix { levels: site.levels.iter().map(|l| views::term_link(site, l, Facet::Level)).collect(), rows }
}
