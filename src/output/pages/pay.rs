//! A portal's pay benchmarks (`/pay/`): for each level, the range of full-time-equivalent yearly
//! salaries on offer across councils, the median midpoint and the count, then each council's; and
//! the same figures as CSV (`/pay/benchmarks.csv`) for councils' own analysis.

use super::{typed, Base, Page};
use crate::model::content::Library;
use crate::model::portal::pay::{benchmarks, Benchmark};
use crate::model::publish::Selection;
use crate::output::format;
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::plan::{file, page, Dependencies, FeedKind, Output, PageKind, Subject};
use crate::output::routes::{self, Facet};
use serde::Serialize;

pub(crate) const TEMPLATE: &str = "pay.html";

/// The row naming every council together, in the table and the CSV.
const ALL_COUNCILS: &str = "All councils";

#[derive(Serialize)]
struct PayPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    levels: Vec<LevelRows<'a>>,
    csv_url: String,
}

#[derive(Serialize)]
struct LevelRows<'a> {
    name: &'a str,
    url: String,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    council: &'a str,
    /// The council's page on the portal; none for the row of every council.
    url: Option<String>,
    vacancies: usize,
    lowest: String,
    highest: String,
    median_midpoint: String,
}

/// The page and its CSV, on a portal only.
pub(crate) fn plan<'a>(library: &Library, out: &mut Vec<Output<'a>>) {
    if library.site.portal.is_some() {
        out.push(page(routes::PAY.to_string(), Subject::Page(PageKind::Pay), Dependencies::OPEN_SET));
        out.push(file(routes::PAY_CSV, Subject::Feed(FeedKind::PayCsv), Dependencies::OPEN_SET));
    }
}

/// A level (by index) and its rows: each a council (none for every council) and its figures.
type LevelFigures = (usize, Vec<(Option<usize>, Benchmark)>);

/// Each level's rows: every council together, then each council with vacancies at that level.
fn rows(library: &Library, selection: &Selection) -> Vec<LevelFigures> {
    benchmarks(&selection.open, &library.site)
        .into_iter()
        .map(|b| {
            let mut rows = vec![(None, b.all)];
            rows.extend(b.councils.into_iter().map(|(c, figures)| (Some(c), figures)));
            (b.level, rows)
        })
        .collect()
}

fn council_name(library: &Library, council: Option<usize>) -> &str {
    council.and_then(|c| library.site.council(c)).map_or(ALL_COUNCILS, |c| &c.name)
}

pub(crate) fn context<'a>(r: &Renderer<'a>) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta = PageMeta::new(
        site,
        "Pay across the region",
        "Full-time yearly salaries on offer for each level, across every council and council by council",
        routes::PAY,
        "pay",
    );
    let money = |x: f64| format::money(x, &site.currency);
    let levels = rows(r.library, &r.selection)
        .into_iter()
        .map(|(level, rows)| LevelRows {
            name: &site.levels[level].name,
            url: site.path(&routes::facet(Facet::Level, &site.levels[level].slug, 1)),
            rows: rows
                .into_iter()
                .map(|(council, b)| Row {
                    council: council_name(r.library, council),
                    url: council
                        .and_then(|c| site.council(c))
                        .map(|c| site.path(&routes::facet(Facet::Council, &c.slug, 1))),
                    vacancies: b.vacancies,
                    lowest: money(b.lowest),
                    highest: money(b.highest),
                    median_midpoint: money(b.median_midpoint),
                })
                .collect(),
        })
        .collect();
    typed(TEMPLATE, &PayPage { base: r.base(meta), levels, csv_url: site.path(routes::PAY_CSV) })
}

/// The benchmarks as CSV: a header, then a row per level and council (figures in whole units of
/// the site's currency, a year full-time).
pub(crate) fn csv(library: &Library, selection: &Selection) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = ["level", "council", "vacancies", "lowest", "highest", "median_midpoint", "currency"];
    let mut write = |record: &[&str]| w.write_record(record).expect("writing to memory does not fail");
    write(&header);
    for (level, rows) in rows(library, selection) {
        for (council, b) in rows {
            let figures = [b.lowest, b.highest, b.median_midpoint].map(|x| format!("{x:.0}"));
            write(&[
                &library.site.levels[level].name,
                council_name(library, council),
                &b.vacancies.to_string(),
                &figures[0],
                &figures[1],
                &figures[2],
                &library.site.currency,
            ]);
        }
    }
    String::from_utf8(w.into_inner().expect("writing to memory does not fail")).expect("CSV of text is text")
}
