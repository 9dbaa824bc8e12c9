//! Feeds for job boards and readers: what each feed lists, and the text escaping they share.
//! Every feed lists exactly the open vacancies, newest `posted` first, ties broken by reference.

pub mod calendar;
pub mod find_a_job;
pub mod job_boards;
pub mod json_feed;
pub mod rss;
pub mod search_index;
pub mod sitemap;
pub mod terms;

use crate::input::dates;
use crate::model::config::Site;
use crate::model::content::Vacancy;
use crate::model::publish::{RecruitmentDates, Selection};
use crate::output::absolute;
use crate::output::format;
use crate::output::routes::Scope;
use jiff::Timestamp;

/// The vacancies a feed lists, in feed order.
pub fn items<'a>(selection: &Selection<'a>, scope: Scope) -> Vec<&'a Vacancy> {
    selection.open.iter().copied().filter(|v| scope.includes(v)).collect()
}

/// The open vacancies public job boards (Indeed, DWP Find a job) may take: every one in feed
/// order but those for internal applicants only, which an intranet build lists on its own pages,
/// and a portal's copies of councils' adverts, which the councils send to the boards themselves.
pub fn public_items<'a>(selection: &Selection<'a>) -> Vec<&'a Vacancy> {
    selection.open.iter().copied().filter(|v| !v.internal_only && v.source.is_none()).collect()
}

/// When the feed's content last changed: the latest change (posting or update) of its items, or
/// the latest closing (up to now) of a vacancy in its scope, whichever is later. Never the clock.
pub fn last_changed(selection: &Selection, scope: Scope) -> Option<Timestamp> {
    let posted = items(selection, scope).into_iter().map(|v| v.changed_at);
    let closed = selection.closed.iter().filter(|v| scope.includes(v)).filter_map(|v| v.closes_at);
    posted.chain(closed).max()
}

/// RFC 822 date as RSS wants it: "Mon, 02 Nov 2026 00:00:00 +0000".
pub fn rfc822(t: Timestamp, site: &Site) -> String {
    t.to_zoned(site.timezone.clone()).strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// RFC 3339 with the site's offset: "2026-11-02T00:00:00+00:00".
pub fn rfc3339(t: Timestamp, site: &Site) -> String {
    t.to_zoned(site.timezone.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Removes characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF); keeps tab, CR and LF.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    // Checked on bytes first, as nearly every text passes: a forbidden control is one byte below
    // 0x20, and U+FFFE and U+FFFF both start with the byte 0xEF.
    // Whole chunks are folded without stopping early, which the compiler turns into vector code.
    let suspect = |b: u8| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0xEF);
    let any_suspect = text.as_bytes().chunks(64).any(|chunk| chunk.iter().fold(false, |seen, &b| seen | suspect(b)));
    if !any_suspect || text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| allowed(*c)).collect())
    }
}

/// Text escaped for XML element content and attributes.
pub fn xml_text(text: &str) -> String {
    quick_xml::escape::escape(xml_safe(text).as_ref()).into_owned()
}

/// Text escaped for XML element content only: `<`, `>` and `&`, no `&apos;` or `&quot;`, which
/// some job boards' readers show literally.
pub fn xml_content(text: &str) -> String {
    quick_xml::escape::partial_escape(xml_safe(text).as_ref()).into_owned()
}

/// Text in a CDATA section, split wherever the text itself contains `]]>`.
pub fn cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 12);
    push_cdata(&mut out, text);
    out
}

/// Appends `text` to `out` as a CDATA section (see [`cdata`]).
pub fn push_cdata(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let safe = xml_safe(text);
    let mut parts = safe.split("]]>");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str("]]]]><![CDATA[>");
        out.push_str(part);
    }
    out.push_str("]]>");
}

/// Text escaped for HTML; borrowed when there is nothing to escape (every caller only writes it).
pub fn html_text(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}

/// The summary, when it says something the advert's first paragraph does not (a summary left
/// out of the front matter is the first paragraph, and would otherwise be printed twice).
pub fn own_summary(v: &Vacancy) -> Option<&str> {
    (v.summary != v.body.first_paragraph).then_some(v.summary.as_str())
}

/// The absolute address of a vacancy's page, which relative addresses in its advert resolve
/// against.
pub fn page_url(v: &Vacancy, site: &Site) -> url::Url {
    url::Url::parse(&site.absolute(&crate::output::routes::vacancy(&v.stem)))
        .expect("the base URL is checked when loaded")
}

/// A vacancy's summary and key facts as a small HTML fragment, for feed descriptions.
pub fn facts_html(v: &Vacancy, site: &Site, recruitment: RecruitmentDates) -> String {
    format!("<p>{}</p>{}", html_text(&v.summary), facts_list_html(v, site, recruitment))
}

/// The whole advert as HTML, for readers away from the site: its own summary, the key facts,
/// then the body, with every address absolute.
pub fn advert_html(v: &Vacancy, site: &Site, recruitment: RecruitmentDates) -> String {
    let summary = own_summary(v).map(|s| format!("<p>{}</p>", html_text(s))).unwrap_or_default();
    let page = page_url(v, site);
    let body = absolute::absolute_html(&v.body.html, &page);
    format!("{summary}{}{body}{}", facts_list_html(v, site, recruitment), statements_html(site, &page))
}

/// The site's statements (safeguarding, equality…) as HTML for copies read away from the site,
/// each under its title, with every address absolute against `page`.
pub fn statements_html(site: &Site, page: &url::Url) -> String {
    site.statements
        .iter()
        .map(|s| format!("<h2>{}</h2>{}", html_text(&s.title), absolute::absolute_html(&s.html, page)))
        .collect()
}

/// The site's statements as plain text, each under its title, for boards that take text.
pub fn statements_plain(site: &Site) -> String {
    site.statements.iter().map(|s| format!("\n\n{}\n\n{}", s.title, s.plain.trim())).collect()
}

/// The key facts as (label, text) pairs: salary (with what a part-time post actually pays),
/// hours, location, closing date, and the shortlisting and interview dates, the vacancy's own or
/// its campaign's.
pub fn facts(v: &Vacancy, site: &Site, recruitment: RecruitmentDates) -> Vec<(&'static str, String)> {
    let places: Vec<&str> = v.locations.iter().map(|&i| site.locations[i].name.as_str()).collect();
    let mut salary = format::advertised_salary(&v.salary, v.hours, site.full_time_hours);
    if let Some(note) = &v.salary.note {
        salary = format!("{salary}, {note}");
    }
    let mut facts = vec![("Salary", salary)];
    if let Some(extra) = format::payments(v) {
        facts.push(("Extra pay", extra));
    }
    if let Some(actual) = format::actual_salary(&v.salary, v.hours, site.full_time_hours) {
        facts.push(("Actual pay", actual));
    }
    facts.push(("Hours", format::hours(v.hours, site.full_time_hours)));
    if let (patterns, true) = format::working_pattern(v) {
        facts.push(("Working pattern", patterns));
    }
    facts.push(("Location", places.join(", ")));
    facts.push(match v.closes.on() {
        Some(closes) => ("Closes", dates::long_moment(closes)),
        None => ("Closes", format!("{}: {}", format::ROLLING, format::ROLLING_NOTE)),
    });
    for (label, text) in format::requirements(v) {
        facts.push((label, text));
    }
    if let Some(day) = recruitment.shortlisting {
        facts.push(("Shortlisting", dates::long_moment(day)));
    }
    if !recruitment.interviews.is_empty() {
        let days: Vec<String> = recruitment.interviews.iter().map(dates::long_moment).collect();
        facts.push(("Interviews", days.join(", ")));
    }
    facts
}

/// The key facts as an HTML list.
pub fn facts_list_html(v: &Vacancy, site: &Site, recruitment: RecruitmentDates) -> String {
    let mut html = String::with_capacity(1024);
    html.push_str("<ul>");
    for (label, text) in facts(v, site, recruitment) {
        html.push_str("<li>");
        html.push_str(label);
        html.push_str(": ");
        html.push_str(&html_text(&text));
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// Serialises a figure as a JSON integer when it is whole (37035, not 37035.0).
pub fn number<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    match crate::output::format::whole(*value) {
        Some(n) => s.serialize_i64(n),
        None => s.serialize_f64(*value),
    }
}

pub fn optional_number<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => number(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_survives_its_own_terminator() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
    }

    #[test]
    fn forbidden_control_characters_are_dropped() {
        assert_eq!(xml_text("a\u{1}b\u{b}c\td<"), "abc\td&lt;");
    }
}
