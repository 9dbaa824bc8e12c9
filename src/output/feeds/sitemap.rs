//! `sitemap.xml`: every page that belongs in search results, with `lastmod` where known; past the
//! sitemaps.org limits, a sitemap index naming `sitemap-1.xml`, `sitemap-2.xml`… instead.

use crate::model::config::Site;
use crate::output::plan::Output;
use crate::output::routes;
use jiff::civil::Date;
use std::ops::Range;

/// The most one sitemap file may hold (sitemaps.org): addresses, and bytes before compression.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

impl Limits {
    pub const SITEMAPS_ORG: Limits = Limits { urls: 50_000, bytes: 52_428_800 };
}

const URLSET_OPEN: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";
const INDEX_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const INDEX_CLOSE: &str = "</sitemapindex>\n";

/// One listed page: its `<url>` line, and its `lastmod` (the day in the site's time zone).
struct Entry {
    line: String,
    lastmod: Option<Date>,
}

/// Every listed page, in address order.
fn entries(site: &Site, plan: &[Output]) -> Vec<Entry> {
    let mut listed: Vec<(&str, Option<jiff::Timestamp>)> =
        plan.iter().filter_map(|o| o.listed_path().map(|p| (p, o.lastmod))).collect();
    listed.sort_unstable();
    listed
        .into_iter()
        .map(|(path, lastmod)| {
            let loc = quick_xml::escape::escape(site.absolute(path)).into_owned();
            let lastmod = lastmod.map(|t| t.to_zoned(site.timezone.clone()).date());
            let line = match lastmod {
                Some(day) => format!("  <url><loc>{loc}</loc><lastmod>{day}</lastmod></url>\n"),
                None => format!("  <url><loc>{loc}</loc></url>\n"),
            };
            Entry { line, lastmod }
        })
        .collect()
}

/// The entries each sitemap file holds, in order: as many as fit within `limits`.
fn parts(entries: &[Entry], limits: Limits) -> Vec<Range<usize>> {
    let room = limits.bytes - URLSET_OPEN.len() - URLSET_CLOSE.len();
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, entry) in entries.iter().enumerate() {
        if i > start && (i - start == limits.urls || bytes + entry.line.len() > room) {
            parts.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += entry.line.len();
    }
    parts.push(start..entries.len());
    parts
}

/// How many sitemap files the site needs beside the index: none when one `sitemap.xml` holds it.
/// Planning asks on every preview rebuild, so a site well within the limits is answered from an
/// upper bound on each line's length, without writing the lines.
pub fn part_count(site: &Site, plan: &[Output], limits: Limits) -> usize {
    let listed = plan.iter().filter_map(|o| o.listed_path());
    let (count, longest) = listed.fold((0, 0), |(n, bytes), path| (n + 1, bytes + longest_line(site, path)));
    if count <= limits.urls && URLSET_OPEN.len() + longest + URLSET_CLOSE.len() <= limits.bytes {
        return 0;
    }
    match parts(&entries(site, plan), limits).len() {
        1 => 0,
        n => n,
    }
}

/// `sitemap.xml`: every listed page, or when they do not fit in one file, the index of the parts.
pub fn sitemap(site: &Site, plan: &[Output], limits: Limits) -> String {
    let entries = entries(site, plan);
    let parts = parts(&entries, limits);
    if parts.len() == 1 {
        return urlset(&entries);
    }
    let mut xml = String::from(INDEX_OPEN);
    for (n, part) in parts.iter().enumerate() {
        let loc = quick_xml::escape::escape(site.absolute(&routes::sitemap_part(n + 1))).into_owned();
        xml.push_str(&format!("  <sitemap><loc>{loc}</loc>"));
        if let Some(day) = entries[part.clone()].iter().filter_map(|e| e.lastmod).max() {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        xml.push_str("</sitemap>\n");
    }
    xml.push_str(INDEX_CLOSE);
    xml
}

/// The most bytes `path`'s `<url>` line can take: every character of its address escaped at the
/// longest (`&quot;`), and a `lastmod`.
fn longest_line(site: &Site, path: &str) -> usize {
    const FIXED: usize = "  <url><loc></loc><lastmod>2026-11-22</lastmod></url>\n".len();
    FIXED + 6 * (site.base_url.len() + path.len())
}

/// Part `n` (from 1) of a sitemap split by [`sitemap`].
pub fn sitemap_part(site: &Site, plan: &[Output], limits: Limits, n: usize) -> String {
    let entries = entries(site, plan);
    let parts = parts(&entries, limits);
    let part = parts.get(n.saturating_sub(1)).cloned().unwrap_or(0..0);
    urlset(&entries[part])
}

fn urlset(entries: &[Entry]) -> String {
    let mut xml = String::with_capacity(URLSET_OPEN.len() + entries.iter().map(|e| e.line.len()).sum::<usize>() + 16);
    xml.push_str(URLSET_OPEN);
    for entry in entries {
        xml.push_str(&entry.line);
    }
    xml.push_str(URLSET_CLOSE);
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::plan::{page, Dependencies, PageKind, Subject};

    fn site() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        crate::model::content::load(&root).unwrap().0.site
    }

    /// `count` pages whose addresses are `width` characters or more.
    fn pages(count: usize, width: usize) -> Vec<Output<'static>> {
        (0..count)
            .map(|i| {
                let mut o = page(format!("/jobs/{i:0width$}/"), Subject::Page(PageKind::NotFound), Dependencies::NONE);
                o.lastmod = Some(format!("2026-11-{:02}T12:00:00Z", 1 + i % 28).parse().unwrap());
                o
            })
            .collect()
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>").skip(1).map(|s| &s[..s.find("</loc>").unwrap()]).collect()
    }

    #[test]
    fn a_site_within_the_limits_has_one_sitemap() {
        let (site, plan) = (site(), pages(50_000, 5));
        assert_eq!(part_count(&site, &plan, Limits::SITEMAPS_ORG), 0);
        let xml = sitemap(&site, &plan, Limits::SITEMAPS_ORG);
        assert!(xml.contains("<urlset") && !xml.contains("<sitemapindex"));
        assert_eq!(locs(&xml).len(), 50_000);
    }

    #[test]
    fn fifty_thousand_and_one_addresses_make_an_index_of_two_sitemaps() {
        let (site, plan) = (site(), pages(50_001, 5));
        let limits = Limits::SITEMAPS_ORG;
        assert_eq!(part_count(&site, &plan, limits), 2);
        let index = sitemap(&site, &plan, limits);
        assert!(index.starts_with(INDEX_OPEN) && index.ends_with(INDEX_CLOSE), "{index}");
        assert_eq!(
            locs(&index),
            [site.absolute("/sitemap-1.xml"), site.absolute("/sitemap-2.xml")]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
        assert!(index.contains("<lastmod>2026-11-28</lastmod>"), "each part carries its latest lastmod");
        let (one, two) = (sitemap_part(&site, &plan, limits, 1), sitemap_part(&site, &plan, limits, 2));
        let (first, second) = (locs(&one), locs(&two));
        assert_eq!((first.len(), second.len()), (50_000, 1));
        assert!(first.last().unwrap() < &second[0], "parts follow address order");
        assert!(two.starts_with(URLSET_OPEN) && two.ends_with(URLSET_CLOSE));
    }

    #[test]
    fn a_sitemap_is_split_before_it_passes_fifty_megabytes() {
        // 2,000-character addresses: about 26,000 of them pass 50 MB well before 50,000 addresses.
        let (site, plan) = (site(), pages(27_000, 2_000));
        let limits = Limits::SITEMAPS_ORG;
        assert_eq!(part_count(&site, &plan, limits), 2);
        let (one, two) = (sitemap_part(&site, &plan, limits, 1), sitemap_part(&site, &plan, limits, 2));
        assert!(one.len() <= limits.bytes && one.len() > limits.bytes - 2_100, "{}", one.len());
        assert_eq!(locs(&one).len() + locs(&two).len(), 27_000);
    }
}
