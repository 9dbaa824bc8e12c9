//! RSS 2.0 feeds: vacancies (all, per team, per level) with our own vacancy namespace, and news.

use super::{cdata, facts_html, items, last_changed, rfc3339, rfc822, xml_text};
use crate::model::content::Library;
use crate::model::publish::Selection;
use crate::output::pieces::Pieces;
use crate::output::routes::Scope;
use std::fmt::Write;

/// The namespace of the structured vacancy facts in our RSS feeds (documented in docs/feeds.md).
pub const VACANCY_NS: &str = "urn:jobsite:vacancy:1";

pub fn vacancies(library: &Library, selection: &Selection, scope: Scope, x: &mut Pieces) {
    let site = &library.site;
    let page = scope.page_path(site);
    let listed = items(selection, scope);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:vacancy=\"{VACANCY_NS}\">\n<channel>"
    );
    let _ = writeln!(x, "<title>{}</title>", xml_text(&scope.title(site)));
    let _ = writeln!(x, "<link>{}</link>", xml_text(&site.absolute(&page)));
    let _ = writeln!(x, "<description>{}</description>", xml_text(&format!("{}, newest first.", scope.title(site))));
    let _ = writeln!(x, "<language>{}</language>", xml_text(&site.language));
    let _ = writeln!(
        x,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml_text(&site.absolute(&crate::output::routes::feed(site, scope, crate::output::routes::FeedFormat::Rss)))
    );
    if let Some(t) = last_changed(selection, scope) {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(t, site));
    }
    let tz = &site.timezone;
    for v in listed {
        let url = site.absolute(&crate::output::routes::vacancy(&v.stem));
        x.push_str("<item>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_text(&v.title));
        let _ = writeln!(x, "<link>{}</link>", xml_text(&url));
        let _ = writeln!(x, "<guid isPermaLink=\"false\">{}</guid>", xml_text(&v.reference.value));
        let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc822(v.posted_at, site));
        let _ =
            writeln!(x, "<description>{}</description>", cdata(&facts_html(v, site, selection.recruitment_dates(v))));
        let _ = writeln!(x, "<category domain=\"team\">{}</category>", xml_text(&site.teams[v.team].name));
        let _ = writeln!(x, "<category domain=\"level\">{}</category>", xml_text(&site.levels[v.level].name));
        let s = &v.salary;
        let _ = writeln!(x, "<vacancy:salaryMin>{}</vacancy:salaryMin>", s.min);
        if let Some(max) = s.max {
            let _ = writeln!(x, "<vacancy:salaryMax>{max}</vacancy:salaryMax>");
        }
        let _ = writeln!(x, "<vacancy:salaryPeriod>{}</vacancy:salaryPeriod>", s.period.name());
        let _ = writeln!(x, "<vacancy:salaryCurrency>{}</vacancy:salaryCurrency>", xml_text(&s.currency));
        let _ = writeln!(x, "<vacancy:hours>{}</vacancy:hours>", v.hours);
        if s.pro_rata(v.hours, site.full_time_hours).is_some() {
            x.push_str("<vacancy:proRata>true</vacancy:proRata>\n");
        }
        let _ = writeln!(x, "<vacancy:contract>{}</vacancy:contract>", v.contract.name());
        match v.closes.on() {
            Some(closes) => {
                let _ = writeln!(
                    x,
                    "<vacancy:closes>{}</vacancy:closes>",
                    rfc3339(closes.last_second(tz).timestamp(), site)
                );
            }
            None => x.push_str("<vacancy:rolling>true</vacancy:rolling>\n"),
        }
        for &i in &v.locations {
            if let Some(pc) = &site.locations[i].postcode {
                let _ = writeln!(x, "<vacancy:postcode>{}</vacancy:postcode>", xml_text(pc));
            }
        }
        x.push_str("</item>\n");
        x.spill();
    }
    x.push_str("</channel>\n</rss>\n");
}

pub fn news(library: &Library, selection: &Selection) -> String {
    let site = &library.site;
    let tz = &site.timezone;
    let mut x = String::with_capacity(2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    let _ = writeln!(x, "<title>{}</title>", xml_text(&format!("News from {}", site.title)));
    let _ = writeln!(x, "<link>{}</link>", xml_text(&site.absolute(crate::output::routes::NEWS)));
    let _ = writeln!(x, "<description>{}</description>", xml_text(&format!("News from {}", site.organisation.name)));
    let _ = writeln!(x, "<language>{}</language>", xml_text(&site.language));
    let _ = writeln!(
        x,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml_text(&site.absolute(crate::output::routes::NEWS_FEED))
    );
    if let Some(newest) = selection.news.iter().map(|n| n.changed_at).max() {
        let _ = writeln!(x, "<lastBuildDate>{}</lastBuildDate>", rfc822(newest, site));
    }
    for n in &selection.news {
        let url = site.absolute(&crate::output::routes::news_item(&n.stem));
        x.push_str("<item>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_text(&n.title));
        let _ = writeln!(x, "<link>{}</link>", xml_text(&url));
        let _ = writeln!(x, "<guid isPermaLink=\"true\">{}</guid>", xml_text(&url));
        let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc822(n.date.start(tz), site));
        let _ = writeln!(x, "<description>{}</description>", cdata(&n.body.html));
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}
