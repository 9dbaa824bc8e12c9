//! RSS 2.0 feeds: vacancies (all, per team, per level) with our own vacancy namespace, and news.

use super::{cdata, facts_html, items, last_changed, rfc3339, rfc822, xml_text, Scope};
use crate::content::Library;
use crate::publish::Selection;
use crate::views;

/// The namespace of the structured vacancy facts in our RSS feeds (documented in docs/feeds.md).
pub const VACANCY_NS: &str = "urn:jobsite:vacancy:1";

pub fn vacancies(library: &Library, selection: &Selection, scope: Scope) -> String {
    let site = &library.site;
    let page = scope.page_path(site);
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:vacancy=\"{VACANCY_NS}\">\n<channel>\n"
    ));
    x.push_str(&format!("<title>{}</title>\n", xml_text(&scope.title(site))));
    x.push_str(&format!("<link>{}</link>\n", xml_text(&site.absolute(&page))));
    x.push_str(&format!("<description>{}</description>\n", xml_text(&format!("{}, newest first.", scope.title(site)))));
    x.push_str(&format!("<language>{}</language>\n", xml_text(&site.language)));
    x.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_text(&site.absolute(&format!("{page}feed.xml")))
    ));
    if let Some(t) = last_changed(selection, scope) {
        x.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", rfc822(t, site)));
    }
    let tz = &site.timezone;
    for v in items(selection, scope) {
        let url = site.absolute(&views::vacancy_path(v));
        x.push_str("<item>\n");
        x.push_str(&format!("<title>{}</title>\n", xml_text(&v.title)));
        x.push_str(&format!("<link>{}</link>\n", xml_text(&url)));
        x.push_str(&format!("<guid isPermaLink=\"false\">{}</guid>\n", xml_text(&v.reference.value)));
        x.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(v.posted_at, site)));
        x.push_str(&format!("<description>{}</description>\n", cdata(&facts_html(v, site))));
        x.push_str(&format!("<category domain=\"team\">{}</category>\n", xml_text(&site.teams[v.team].name)));
        x.push_str(&format!("<category domain=\"level\">{}</category>\n", xml_text(&site.levels[v.level].name)));
        let s = &v.salary;
        x.push_str(&format!("<vacancy:salaryMin>{}</vacancy:salaryMin>\n", s.min));
        if let Some(max) = s.max {
            x.push_str(&format!("<vacancy:salaryMax>{max}</vacancy:salaryMax>\n"));
        }
        x.push_str(&format!("<vacancy:salaryPeriod>{}</vacancy:salaryPeriod>\n", s.period.name()));
        x.push_str(&format!("<vacancy:salaryCurrency>{}</vacancy:salaryCurrency>\n", xml_text(&s.currency)));
        x.push_str(&format!("<vacancy:hours>{}</vacancy:hours>\n", v.hours));
        x.push_str(&format!("<vacancy:contract>{}</vacancy:contract>\n", v.contract.name()));
        x.push_str(&format!(
            "<vacancy:closes>{}</vacancy:closes>\n",
            rfc3339(v.closes.last_second(tz).timestamp(), site)
        ));
        for &i in &v.locations {
            if let Some(pc) = &site.locations[i].postcode {
                x.push_str(&format!("<vacancy:postcode>{}</vacancy:postcode>\n", xml_text(pc)));
            }
        }
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

pub fn news(library: &Library, selection: &Selection) -> String {
    let site = &library.site;
    let tz = &site.timezone;
    let mut x = String::with_capacity(2048);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
    x.push_str(&format!("<title>{}</title>\n", xml_text(&format!("News from {}", site.title))));
    x.push_str(&format!("<link>{}</link>\n", xml_text(&site.absolute("/news/"))));
    x.push_str(&format!("<description>{}</description>\n", xml_text(&format!("News from {}", site.organisation.name))));
    x.push_str(&format!("<language>{}</language>\n", xml_text(&site.language)));
    x.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_text(&site.absolute("/news/feed.xml"))
    ));
    if let Some(newest) = selection.news.iter().map(|n| n.date.start(tz)).max() {
        x.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", rfc822(newest, site)));
    }
    for n in &selection.news {
        let url = site.absolute(&format!("/news/{}/", n.stem));
        x.push_str("<item>\n");
        x.push_str(&format!("<title>{}</title>\n", xml_text(&n.title)));
        x.push_str(&format!("<link>{}</link>\n", xml_text(&url)));
        x.push_str(&format!("<guid isPermaLink=\"true\">{}</guid>\n", xml_text(&url)));
        x.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(n.date.start(tz), site)));
        x.push_str(&format!("<description>{}</description>\n", cdata(&n.body.html)));
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}
