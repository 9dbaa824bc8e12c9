//! The simpler content types: benefits, news, events and plain pages.

use super::{document, Located};
use crate::diagnostics::Diagnostic;
use crate::input::dates::Moment;
use crate::input::fields::Fields;
use crate::input::markdown::Rendered;
use crate::input::yaml::Schema;
use crate::model::config::Site;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One part of the employment offer (`content/benefits/*.md`).
#[derive(Debug, Clone)]
pub struct Benefit {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub summary: String,
    /// A short figure shown as a stat ("30 days' leave", "£3,000").
    pub highlight: Option<String>,
    pub weight: i64,
    pub draft: bool,
    pub body: Rendered,
}

/// A news item (`content/news/*.md`).
#[derive(Debug, Clone)]
pub struct News {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub date: Moment,
    /// `updated:` as written.
    pub updated: Option<Located<Moment>>,
    /// The later of `date` and `updated` (or, without `updated`, the file's last commit).
    pub changed_at: jiff::Timestamp,
    pub summary: String,
    pub draft: bool,
    pub body: Rendered,
}

/// An event such as a careers fair or open day (`content/events/*.md`).
#[derive(Debug, Clone)]
pub struct Event {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub starts: Moment,
    pub ends: Option<Moment>,
    /// `updated:` as written.
    pub updated: Option<Located<Moment>>,
    /// `updated`, or without it the file's last commit, when either is known.
    pub changed_at: Option<jiff::Timestamp>,
    pub location: Option<String>,
    pub booking_url: Option<String>,
    pub summary: String,
    pub draft: bool,
    pub body: Rendered,
}

/// A plain page (`content/*.md`).
#[derive(Debug, Clone)]
pub struct Page {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub summary: String,
    /// Shown in the main navigation.
    pub menu: bool,
    pub weight: i64,
    pub draft: bool,
    /// A picture across the top of the page (the home page's hero), and its description.
    pub hero_image: Option<String>,
    pub hero_image_alt: Option<String>,
    pub body: Rendered,
}

#[derive(Deserialize)]
struct RawBenefit {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    highlight: Option<Spanned<String>>,
    weight: Option<Spanned<i64>>,
    draft: Option<Spanned<bool>>,
}

pub const BENEFIT_SCHEMA: Schema = &[
    ("title", "the benefit's name, as text"),
    ("summary", "one sentence, as text"),
    ("highlight", "a short figure shown as a stat, such as \"30 days' leave\" or \"£3,000\" (at most 24 characters)"),
    ("weight", "a whole number; lower numbers are listed first"),
    ("draft", "true or false"),
];

/// The longest `highlight` a benefit may have: a stat is read at a glance, in a narrow column.
const HIGHLIGHT_MAX_CHARS: usize = 24;

pub fn parse_benefit(source: &str, file: &str, stem: &str) -> Result<Benefit, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawBenefit>(source, file, BENEFIT_SCHEMA)?;
    let RawBenefit { title, summary, highlight, weight, draft } = raw;
    let title = f.required_text(title, "title", "Protected caseloads");
    let rendered = body.render();
    let summary = f.optional_text(summary, "summary").unwrap_or_else(|| rendered.first_paragraph.clone());
    let highlight = highlight.and_then(|h| {
        let length = h.value.trim().chars().count();
        if length > HIGHLIGHT_MAX_CHARS {
            let hint = format!(
                "a highlight is a figure read at a glance, such as \"30 days' leave\" or \"£3,000\"; \
                 shorten it to {HIGHLIGHT_MAX_CHARS} characters or fewer and keep the detail in `summary`"
            );
            f.bad(&h, "highlight", format!("this highlight is {length} characters long"), Some(hint));
            return None;
        }
        f.text(h, "highlight")
    });
    let benefit = title.map(|title| Benefit {
        stem: stem.to_string(),
        file: file.to_string(),
        title,
        summary,
        highlight,
        weight: weight.map_or(0, |w| w.value),
        draft: Fields::flag(draft),
        body: rendered,
    });
    f.finish(benefit)
}

#[derive(Deserialize)]
struct RawNews {
    title: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    draft: Option<Spanned<bool>>,
}

pub const NEWS_SCHEMA: Schema = &[
    ("title", "the headline, as text"),
    ("date", "a date such as 2026-11-02; not published before it"),
    ("updated", "when the item last changed, such as 2026-11-20"),
    ("summary", "one sentence, as text"),
    ("draft", "true or false"),
];

pub fn parse_news(source: &str, file: &str, stem: &str, site: &Site) -> Result<News, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawNews>(source, file, NEWS_SCHEMA)?;
    let RawNews { title, date, updated, summary, draft } = raw;
    let title = f.required_text(title, "title", "New ASYE cohort starts");
    let date = f.required(date, "date", "2026-11-02").and_then(|d| f.moment(&d, "date", &site.timezone));
    let updated = document::updated(&mut f, updated, date.as_ref(), &site.timezone);
    let rendered = body.render();
    let summary = f.optional_text(summary, "summary").unwrap_or_else(|| rendered.first_paragraph.clone());
    let news = (|| {
        Some(News {
            stem: stem.to_string(),
            file: file.to_string(),
            title: title?,
            changed_at: document::changed_at(date.as_ref()?, updated.as_ref(), &site.timezone),
            date: date?,
            updated,
            summary,
            draft: Fields::flag(draft),
            body: rendered,
        })
    })();
    f.finish(news)
}

#[derive(Deserialize)]
struct RawEvent {
    title: Option<Spanned<String>>,
    starts: Option<Spanned<String>>,
    ends: Option<Spanned<String>>,
    updated: Option<Spanned<String>>,
    location: Option<Spanned<String>>,
    booking_url: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    draft: Option<Spanned<bool>>,
}

pub const EVENT_SCHEMA: Schema = &[
    ("title", "the event's name, as text"),
    ("starts", "a date and time such as 2026-12-03 10:00"),
    ("ends", "a date and time such as 2026-12-03 15:00"),
    ("updated", "when the event's details last changed, such as 2026-11-20"),
    ("location", "where it happens, as text"),
    ("booking_url", "the web address where people book a place"),
    ("summary", "one sentence, as text"),
    ("draft", "true or false"),
];

pub fn parse_event(source: &str, file: &str, stem: &str, site: &Site) -> Result<Event, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawEvent>(source, file, EVENT_SCHEMA)?;
    let RawEvent { title, starts, ends, updated, location, booking_url, summary, draft } = raw;
    let tz = &site.timezone;
    let title = f.required_text(title, "title", "Careers fair");
    let starts = f.required(starts, "starts", "2026-12-03 10:00").and_then(|d| f.moment(&d, "starts", tz));
    let ends_span = ends.clone();
    let ends = f.optional_moment(&ends, "ends", tz);
    if let (Some(s), Some(e), Some(span)) = (&starts, &ends, &ends_span) {
        if e.end(tz) < s.start(tz) {
            f.bad(span, "ends", "the event ends before it starts", Some("check `starts` and `ends`".into()));
        }
    }
    let updated = document::updated(&mut f, updated, None, tz);
    let booking_url = booking_url.and_then(|u| f.url(&u, "booking_url"));
    let rendered = body.render();
    let summary = f.optional_text(summary, "summary").unwrap_or_else(|| rendered.first_paragraph.clone());
    let event = (|| {
        Some(Event {
            stem: stem.to_string(),
            file: file.to_string(),
            title: title?,
            starts: starts?,
            ends,
            changed_at: updated.as_ref().map(|u| u.value.start(tz)),
            updated,
            location: f.optional_text(location, "location"),
            booking_url,
            summary,
            draft: Fields::flag(draft),
            body: rendered,
        })
    })();
    f.finish(event)
}

#[derive(Deserialize)]
struct RawPage {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    menu: Option<Spanned<bool>>,
    weight: Option<Spanned<i64>>,
    draft: Option<Spanned<bool>>,
    hero_image: Option<Spanned<String>>,
    hero_image_alt: Option<Spanned<String>>,
}

pub const PAGE_SCHEMA: Schema = &[
    ("title", "the page's title, as text"),
    ("summary", "one sentence, as text"),
    ("menu", "true to list the page in the main navigation"),
    ("weight", "a whole number; lower numbers come first in the navigation"),
    ("draft", "true or false"),
    ("hero_image", "the address of a picture for the top of the page, such as /images/hero.png"),
    ("hero_image_alt", "text describing the picture for people who cannot see it"),
];

pub fn parse_page(source: &str, file: &str, stem: &str) -> Result<Page, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawPage>(source, file, PAGE_SCHEMA)?;
    let RawPage { title, summary, menu, weight, draft, hero_image, hero_image_alt } = raw;
    let title = f.required_text(title, "title", "About us");
    let image_span = hero_image.clone();
    let hero_image = f.optional_address(hero_image, "hero_image");
    let hero_image_alt = f.optional_text(hero_image_alt, "hero_image_alt");
    if let (Some(span), None) = (&image_span, &hero_image_alt) {
        let hint = "add `hero_image_alt:` describing what the picture shows";
        f.bad(span, "hero_image", "a picture needs a description", Some(hint.into()));
    }
    let rendered = body.render();
    let summary = f.optional_text(summary, "summary").unwrap_or_else(|| rendered.first_paragraph.clone());
    let page = title.map(|title| Page {
        stem: stem.to_string(),
        file: file.to_string(),
        title,
        summary,
        menu: Fields::flag(menu),
        weight: weight.map_or(0, |w| w.value),
        draft: Fields::flag(draft),
        hero_image,
        hero_image_alt,
        body: rendered,
    });
    f.finish(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::yaml::assert_schema_names;

    #[test]
    fn every_key_read_is_in_the_schema_and_every_schema_key_is_read() {
        assert_schema_names::<RawBenefit>(BENEFIT_SCHEMA, "");
        assert_schema_names::<RawNews>(NEWS_SCHEMA, "");
        assert_schema_names::<RawEvent>(EVENT_SCHEMA, "");
        assert_schema_names::<RawPage>(PAGE_SCHEMA, "");
    }

    #[test]
    fn a_benefit_highlight_is_read_and_a_long_one_is_refused_at_its_line() {
        let short = "---\ntitle: Wellbeing and leave\nhighlight: 30 days' leave\n---\nText.\n";
        let read = parse_benefit(short, "content/benefits/leave.md", "leave").unwrap();
        assert_eq!(read.highlight.as_deref(), Some("30 days' leave"));
        assert_eq!(parse_benefit("---\ntitle: T\n---\n", "b.md", "b").unwrap().highlight, None);

        let long = "---\ntitle: Wellbeing\nhighlight: 27 days' leave rising to 32 after five years\n---\n";
        let errors = parse_benefit(long, "content/benefits/leave.md", "leave").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].field.as_deref(), errors[0].line), (Some("highlight"), 3));
        assert!(errors[0].hint.as_deref().unwrap_or_default().contains("24 characters"), "{errors:?}");
    }

    #[test]
    fn a_hero_image_is_read_with_its_description_and_is_refused_without_one() {
        let page = "---\ntitle: Social work here\nhero_image: /images/hero.svg\nhero_image_alt: A family at home\n---\nHello.\n";
        let read = parse_page(page, "content/_index.md", "_index").unwrap();
        assert_eq!(read.hero_image.as_deref(), Some("/images/hero.svg"));
        assert_eq!(read.hero_image_alt.as_deref(), Some("A family at home"));

        let bare = "---\ntitle: Social work here\nhero_image: /images/hero.svg\n---\nHello.\n";
        let errors = parse_page(bare, "content/_index.md", "_index").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field.as_deref(), Some("hero_image"));
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].hint.as_deref().unwrap_or_default().contains("hero_image_alt"));

        let unsafe_address = "---\ntitle: T\nhero_image: javascript:alert(1)\nhero_image_alt: x\n---\n";
        assert!(parse_page(unsafe_address, "content/_index.md", "_index").is_err());
    }
}
