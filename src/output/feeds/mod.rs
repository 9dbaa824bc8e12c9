//! Feeds for job boards and readers: what each feed lists, and the text escaping they share.
//! Every feed lists exactly the open vacancies, newest `posted` first, ties broken by reference.

pub mod job_boards;
pub mod json_feed;
pub mod rss;

use crate::input::dates;
use crate::model::config::Site;
use crate::model::content::Vacancy;
use crate::model::publish::Selection;
use crate::output::format;
use crate::output::routes::Scope;
use jiff::Timestamp;

/// The vacancies a feed lists, in feed order.
pub fn items<'a>(selection: &Selection<'a>, scope: Scope) -> Vec<&'a Vacancy> {
    selection.open.iter().copied().filter(|v| scope.includes(v)).collect()
}

/// When the feed's content last changed: the newest `posted` of its items, or the latest closing
/// (up to now) of a vacancy in its scope, whichever is later. Never the clock.
pub fn last_changed(selection: &Selection, scope: Scope) -> Option<Timestamp> {
    let posted = items(selection, scope).into_iter().map(|v| v.posted_at);
    let closed = selection.closed.iter().filter(|v| scope.includes(v)).map(|v| v.closes_at);
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

/// Text escaped for HTML.
pub fn html_text(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The summary, when it says something the advert's first paragraph does not (a summary left
/// out of the front matter is the first paragraph, and would otherwise be printed twice).
pub fn own_summary(v: &Vacancy) -> Option<&str> {
    (v.summary != v.body.first_paragraph).then_some(v.summary.as_str())
}

/// A vacancy's summary and key facts as a small HTML fragment, for feed descriptions.
pub fn facts_html(v: &Vacancy, site: &Site) -> String {
    format!("<p>{}</p>{}", html_text(&v.summary), facts_list_html(v, site))
}

/// The whole advert as HTML: its own summary, the key facts, then the body.
pub fn advert_html(v: &Vacancy, site: &Site) -> String {
    let summary = own_summary(v).map(|s| format!("<p>{}</p>", html_text(s))).unwrap_or_default();
    format!("{summary}{}{}", facts_list_html(v, site), v.body.html)
}

/// About how many bytes the adverts of `vacancies` take as HTML, to size a feed's buffer once
/// rather than let a many-megabyte string grow by copying.
pub fn advert_bytes(vacancies: &[&Vacancy]) -> usize {
    vacancies.iter().map(|v| v.body.html.len() + v.summary.len()).sum()
}

/// Salary, hours, location and closing date as an HTML list.
pub fn facts_list_html(v: &Vacancy, site: &Site) -> String {
    let places: Vec<&str> = v.locations.iter().map(|&i| site.locations[i].name.as_str()).collect();
    let mut salary = format::salary(&v.salary);
    if let Some(note) = &v.salary.note {
        salary = format!("{salary}, {note}");
    }
    format!(
        "<ul><li>Salary: {}</li><li>Hours: {}</li><li>Location: {}</li><li>Closes: {}</li></ul>",
        html_text(&salary),
        html_text(&format::hours(v.hours, site.full_time_hours)),
        html_text(&places.join(", ")),
        html_text(&dates::long_moment(&v.closes)),
    )
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
