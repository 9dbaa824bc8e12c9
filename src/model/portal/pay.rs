//! Pay benchmarks across a portal's councils: for each level, the lowest and highest
//! full-time-equivalent yearly salary on offer, the median of the ranges' midpoints and how many
//! vacancies, over every council and for each.

use crate::model::config::Site;
use crate::model::content::Vacancy;

/// The figures for one group of vacancies (a level, or a level at one council).
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    pub vacancies: usize,
    /// The lowest bottom of a range, a year full-time.
    pub lowest: f64,
    /// The highest top of a range (the bottom, for a single figure), a year full-time.
    pub highest: f64,
    /// The median of the ranges' midpoints, a year full-time.
    pub median_midpoint: f64,
}

/// One level's benchmarks: over every council, then for each council with vacancies at it.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelBenchmarks {
    /// Index into the site's levels.
    pub level: usize,
    pub all: Benchmark,
    /// (index into `portal.sources`, its figures), in site.yaml order.
    pub councils: Vec<(usize, Benchmark)>,
}

/// A yearly full-time figure of `amount` paid per the salary's period.
fn yearly(amount: f64, v: &Vacancy, site: &Site) -> f64 {
    amount * v.salary.period.per_year(site.full_time_hours)
}

fn benchmark(list: &[&Vacancy], site: &Site) -> Option<Benchmark> {
    if list.is_empty() {
        return None;
    }
    let low = |v: &&Vacancy| yearly(v.salary.min, v, site);
    let high = |v: &&Vacancy| yearly(v.salary.max.unwrap_or(v.salary.min), v, site);
    let mut midpoints: Vec<f64> = list.iter().map(|v| (low(v) + high(v)) / 2.0).collect();
    midpoints.sort_by(f64::total_cmp);
    let n = midpoints.len();
    let median = if n % 2 == 1 { midpoints[n / 2] } else { (midpoints[n / 2 - 1] + midpoints[n / 2]) / 2.0 };
    let round = |x: f64| x.round();
    Some(Benchmark {
        vacancies: n,
        lowest: round(list.iter().map(low).fold(f64::INFINITY, f64::min)),
        highest: round(list.iter().map(high).fold(f64::NEG_INFINITY, f64::max)),
        median_midpoint: round(median),
    })
}

/// The benchmarks of every level with open vacancies from councils (the portal's own vacancies,
/// if any, are not a council's offer and are left out), in site.yaml order.
pub fn benchmarks(open: &[&Vacancy], site: &Site) -> Vec<LevelBenchmarks> {
    let councils = site.portal.as_ref().map_or(0, |p| p.sources.len());
    let sourced: Vec<&Vacancy> = open.iter().copied().filter(|v| v.source.is_some()).collect();
    (0..site.levels.len())
        .filter_map(|level| {
            let at_level: Vec<&Vacancy> = sourced.iter().copied().filter(|v| v.level == level).collect();
            let all = benchmark(&at_level, site)?;
            let mut lists: Vec<Vec<&Vacancy>> = vec![Vec::new(); councils];
            for v in &at_level {
                if let Some(s) = &v.source {
                    lists[s.council].push(v);
                }
            }
            let by_council =
                lists.iter().enumerate().filter_map(|(c, list)| Some((c, benchmark(list, site)?))).collect();
            Some(LevelBenchmarks { level, all, councils: by_council })
        })
        .collect()
}
