//! Renders markdown bodies to safe HTML once, and reads what other passes need from them
//! (first paragraph, headings with their anchors).

use crate::input::address;
use crate::input::safe_html;
use pulldown_cmark::{html, Alignment, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// A rendered markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for default summaries.
    pub first_paragraph: String,
    /// Every heading: level (1–6), plain text and anchor id.
    pub headings: Vec<Heading>,
    /// Whether the body has any words (a body of only markup, or nothing, has none). Its plain
    /// text is made from `html` when a consumer needs it (`html_text::to_plain_text`).
    pub has_text: bool,
    /// What `jobsite check` looks at, each where it was written, found while rendering so the
    /// file is never read or parsed again.
    pub marks: Vec<Mark>,
}

/// Something in a body that `jobsite check` lints, with its line and column in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub column: usize,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkKind {
    /// A published link and its text.
    Link { dest: String, text: String },
    /// A published image and its alt text.
    Image { dest: String, alt: String },
    /// A link or image whose address was refused, so it was dropped.
    Refused { what: &'static str, dest: String },
    /// Raw HTML as written (the policy cleans it).
    RawHtml { html: String },
    /// A heading, with any attributes that were dropped.
    Heading { level: u8, dropped: Vec<String> },
    /// The marker `jobsite new` leaves on lines to fill in (anywhere in the file).
    Placeholder,
    /// More headings than a page gives anchors to, or raw HTML nested deeper than is cleaned.
    TooMuch { what: Excess, found: usize },
}

/// What a body has too much of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    /// Headings: those after the first [`MAX_HEADINGS`] get no anchor and are not listed.
    Headings,
    /// Nesting of raw HTML: the body is published as plain text.
    Nesting,
}

/// The most headings of one body that get an anchor and are listed (a contents list longer
/// than this helps no one).
pub const MAX_HEADINGS: usize = 500;

/// The marker `jobsite new` leaves on every line that needs filling in.
pub const PLACEHOLDER: &str = "REPLACE-ME";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `markdown`, giving each heading an `id` (its slug, made unique) unless it has one.
/// The HTML is safe to publish: links and images whose address is refused by `address` are
/// dropped (a link keeps its text), heading attributes other than `id` and `class` are dropped,
/// and raw HTML is cleaned by `safe_html`.
pub fn render(markdown: &str) -> Rendered {
    render_at(markdown, 1)
}

/// As `render`, for a body that starts on line `first_line` of its file (marks carry file lines).
pub fn render_at(markdown: &str, first_line: usize) -> Rendered {
    let (mut events, has_raw_html, mut found) = safe_events(Parser::new_ext(markdown, options()));
    let mut heading_count = 0;
    let mut headings = Vec::new();
    let mut used_ids = Ids::default();
    let mut first_paragraph = None;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { .. }) if heading_count >= MAX_HEADINGS => {
                heading_count += 1;
                i += 1;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading_count += 1;
                let level = heading_number(*level);
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                let text = plain_text(&events[i + 1..end]);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => used_ids.unique(&text),
                };
                used_ids.taken.insert(id.clone());
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                    *slot = Some(CowStr::from(id.clone()));
                }
                headings.push(Heading { level, text, id });
                i = end;
            }
            Event::Start(Tag::Paragraph) if first_paragraph.is_none() => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                first_paragraph = Some(plain_text(&events[i + 1..end]));
                i = end;
            }
            _ => i += 1,
        }
    }
    let has_text = events.iter().any(|e| matches!(e, Event::Text(t) | Event::Code(t) if !t.trim().is_empty()));
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events.into_iter());
    if heading_count > MAX_HEADINGS {
        found.push((0, MarkKind::TooMuch { what: Excess::Headings, found: heading_count }));
    }
    if has_raw_html {
        let depth = safe_html::nesting_depth(&out);
        out = if depth > safe_html::MAX_NESTING {
            found.push((0, MarkKind::TooMuch { what: Excess::Nesting, found: depth }));
            as_plain_paragraphs(&out)
        } else {
            safe_html::clean(&out)
        };
    }
    let marks = place(markdown, first_line, found);
    // Kept for the whole build (10,000 adverts on a large site): no room to spare.
    out.shrink_to_fit();
    Rendered { html: out, first_paragraph: first_paragraph.unwrap_or_default(), headings, has_text, marks }
}

/// The words of `html` (not yet cleaned) as escaped paragraphs and nothing else: what a body too
/// deeply nested to clean is published as, made in one pass.
fn as_plain_paragraphs(html: &str) -> String {
    let text = crate::input::html_text::to_plain_text(html);
    let mut out = String::with_capacity(text.len() + 64);
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        out.push_str("<p>");
        out.push_str(&quick_xml::escape::escape(block.trim()));
        out.push_str("</p>\n");
    }
    out
}

/// Turns byte offsets in the body into lines and columns of the file.
fn place(markdown: &str, first_line: usize, found: Vec<(usize, MarkKind)>) -> Vec<Mark> {
    if found.is_empty() {
        return Vec::new();
    }
    let line_starts: Vec<usize> = std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    found
        .into_iter()
        .map(|(offset, kind)| {
            let index = line_starts.partition_point(|&start| start <= offset) - 1;
            let column = markdown[line_starts[index]..offset.min(markdown.len())].chars().count() + 1;
            Mark { line: first_line + index, column, kind }
        })
        .collect()
}

/// A content file's body (starting on line `first_line` of `source`, the whole file) rendered,
/// with every mark `jobsite check` lints: the file's placeholders first, then the body's.
pub fn render_file_body(markdown: &str, first_line: usize, source: &str) -> Rendered {
    let mut rendered = render_at(markdown, first_line);
    let mut marks = placeholders(source, first_line - 1);
    marks.append(&mut rendered.marks);
    rendered.marks = marks;
    rendered
}

/// Where `jobsite new`'s marker is left in a whole file's text, outside YAML comments.
fn placeholders(source: &str, front_matter_lines: usize) -> Vec<Mark> {
    source
        .lines()
        .enumerate()
        .filter(|(n, text)| {
            let comment = text.trim_start().starts_with('#') && !text.trim_start().starts_with("##");
            !(comment && *n < front_matter_lines)
        })
        .filter_map(|(n, text)| {
            let column = text.find(PLACEHOLDER)?;
            Some(Mark { line: n + 1, column: column + 1, kind: MarkKind::Placeholder })
        })
        .collect()
}

/// The events of a body with unsafe addresses and heading attributes taken out, and table cell
/// alignment written as a class (the writer's `style` attribute is blocked by the pages'
/// Content-Security-Policy). Also says whether the body has raw HTML, which must then be cleaned:
/// without it, the writer escapes every text and attribute itself.
fn safe_events<'a>(parser: Parser<'a>) -> (Vec<Event<'a>>, bool, Vec<(usize, MarkKind)>) {
    let mut events = Vec::new();
    let mut marks = Vec::new();
    // The links and images being read (an image may sit inside a link): each one's start in
    // `events`, its offset, its address and whether it is an image.
    let mut open: Vec<(usize, usize, String, bool)> = Vec::new();
    // The raw HTML block being read: its offset and text.
    let mut html_block: Option<(usize, String)> = None;
    let mut has_raw_html = false;
    // Markdown links never nest, so at most one dropped link is open at a time.
    let mut dropping_link = false;
    let mut skipping_image = 0usize;
    // An autolink's text is its address: a refused one is dropped whole.
    let mut skipping_autolink = false;
    let mut alignments: Vec<Alignment> = Vec::new();
    let (mut in_head, mut cell) = (false, 0usize);
    for (event, range) in parser.into_offset_iter() {
        if skipping_image > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => skipping_image += 1,
                Event::End(TagEnd::Image) => skipping_image -= 1,
                _ => {}
            }
            continue;
        }
        if skipping_autolink {
            skipping_autolink = !matches!(event, Event::End(TagEnd::Link));
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((range.start, String::new()));
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((offset, html)) = html_block.take() {
                    marks.push((offset, MarkKind::RawHtml { html }));
                }
                events.push(event);
            }
            Event::Html(ref text) => {
                has_raw_html = true;
                match &mut html_block {
                    Some((offset, html)) => {
                        if html.is_empty() {
                            *offset = range.start;
                        }
                        html.push_str(text);
                    }
                    None => marks.push((range.start, MarkKind::RawHtml { html: text.to_string() })),
                }
                events.push(event);
            }
            Event::InlineHtml(ref text) => {
                has_raw_html = true;
                marks.push((range.start, MarkKind::RawHtml { html: text.to_string() }));
                events.push(event);
            }
            Event::Start(Tag::Link { link_type: LinkType::Autolink, ref dest_url, .. })
                if !address::is_allowed(dest_url) =>
            {
                marks.push((range.start, MarkKind::Refused { what: "link", dest: dest_url.to_string() }));
                skipping_autolink = true
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if !address::is_allowed(dest_url) => {
                marks.push((range.start, MarkKind::Refused { what: "link", dest: dest_url.to_string() }));
                dropping_link = true
            }
            Event::End(TagEnd::Link) if dropping_link => dropping_link = false,
            Event::Start(Tag::Image { ref dest_url, .. }) if !address::is_allowed(dest_url) => {
                marks.push((range.start, MarkKind::Refused { what: "image", dest: dest_url.to_string() }));
                skipping_image = 1
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                open.push((events.len(), range.start, dest_url.to_string(), false));
                events.push(event);
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                open.push((events.len(), range.start, dest_url.to_string(), true));
                events.push(event);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((start, offset, dest, image)) = open.pop() {
                    let text = plain_text(&events[start + 1..]);
                    let kind = if image { MarkKind::Image { dest, alt: text } } else { MarkKind::Link { dest, text } };
                    marks.push((offset, kind));
                }
                events.push(event);
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let dropped = attrs.into_iter().map(|(name, _)| name.to_string()).collect();
                marks.push((range.start, MarkKind::Heading { level: heading_number(level), dropped }));
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() }));
            }
            Event::Start(Tag::Table(found)) => {
                alignments = found;
                events.push(Event::Start(Tag::Table(vec![Alignment::None; alignments.len()])));
            }
            Event::Start(Tag::TableHead) => {
                (in_head, cell) = (true, 0);
                events.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                events.push(event);
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                events.push(event);
            }
            Event::Start(Tag::TableCell) => {
                let class = match alignments.get(cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                cell += 1;
                if class.is_empty() {
                    events.push(event);
                } else {
                    let tag = if in_head { "th" } else { "td" };
                    events.push(Event::Html(CowStr::from(format!("<{tag}{class}>"))));
                }
            }
            other => events.push(other),
        }
    }
    marks.sort_by_key(|(offset, _)| *offset);
    (events, has_raw_html, marks)
}

fn find_end(events: &[Event], start: usize, is_end: impl Fn(&Event) -> bool) -> usize {
    events[start..].iter().position(is_end).map_or(events.len(), |p| start + p)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The anchor ids a body's headings have taken, and for each slug the next number to try after
/// it, so that giving 8,000 headings of the same text their ids takes linear time.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// The slug of `text` (`section` when it has none), or the first of `slug-1`, `slug-2`, …
    /// not taken yet. A number once found taken stays taken, so the search for a slug goes on
    /// from where it last stopped.
    fn unique(&mut self, text: &str) -> String {
        let base = match slug::slugify(text.replace(['\'', '\u{2019}'], "")) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        if !self.taken.contains(&base) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if !self.taken.contains(&id) {
                return id;
            }
        }
    }
}

/// The text of a run of events, without markup, with runs of white space folded.
pub fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_inside_a_link_marks_both_at_the_line_they_were_written() {
        let r = render_at("Intro\n\n[![Team photo](/team.png)](/nowhere/)\n", 4);
        let kinds: Vec<_> = r.marks.iter().map(|m| (m.line, &m.kind)).collect();
        assert_eq!(
            kinds,
            [
                (6, &MarkKind::Link { dest: "/nowhere/".into(), text: "Team photo".into() }),
                (6, &MarkKind::Image { dest: "/team.png".into(), alt: "Team photo".into() }),
            ]
        );
    }

    #[test]
    fn headings_get_unique_anchor_ids() {
        let r = render("## What you'll do\n\ntext\n\n## What you'll do\n\n## Transcript {#film}\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["what-youll-do", "what-youll-do-1", "film"]);
        assert!(r.html.contains("<h2 id=\"what-youll-do\">"));
        // Numbers taken by hand are skipped, and later headings go on after them.
        let numbered = render("## A {#a-1}\n\n## A\n\n## A\n\n## A {#a-3}\n\n## A\n\n## B\n");
        let ids: Vec<_> = numbered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3", "a-4", "b"]);
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r = render("# Title\n\nWe are **hiring** social\nworkers.\n\nSecond.");
        assert_eq!(r.first_paragraph, "We are hiring social workers.");
    }

    #[test]
    fn plain_text_keeps_paragraphs_and_list_items() {
        let r = render("## About\n\nOne *two*\nthree.\n\n- a\n- b\n\n```\ncode\n```\n\nEnd.");
        let plain = crate::input::html_text::to_plain_text(&r.html);
        assert_eq!(plain, "About\n\nOne two three.\n\n• a\n• b\n\ncode\n\nEnd.");
    }

    #[test]
    fn a_body_of_markup_only_has_no_text() {
        assert!(render("Some words.").has_text);
        assert!(render("`code`").has_text);
        assert!(!render("").has_text);
        assert!(!render("---\n\n<div></div>").has_text);
    }

    #[test]
    fn safe_raw_html_stays_and_text_is_escaped() {
        let r = render("A & B <b>bold</b> 1 < 2\n");
        assert!(r.html.contains("A &amp; B <b>bold</b> 1 &lt; 2"), "{}", r.html);
    }

    #[test]
    fn unsafe_links_images_heading_attributes_and_raw_html_never_reach_the_page() {
        let r = render(
            "## Pay {#pay .big onfocus=alert(1) tabindex=1}\n\n[apply](javascript:alert(1)) \
             [also](jav&#x61;script:alert(2)) <javascript:alert(3)> [ok](/jobs/)\n\n\
             ![x](data:image/png;base64,AA) ![y](/images/y.png)\n\n<div onclick=\"alert(4)\">d</div>\n",
        );
        assert!(r.html.contains("<h2 id=\"pay\" class=\"big\">Pay</h2>"), "{}", r.html);
        for gone in ["onfocus", "tabindex", "javascript", "alert", "data:"] {
            assert!(!r.html.contains(gone), "{gone} in {}", r.html);
        }
        assert!(r.html.contains("apply also  <a"), "a dropped link keeps its text, an autolink goes: {}", r.html);
        assert!(r.html.contains("<a href=\"/jobs/\">ok</a>") && r.html.contains("src=\"/images/y.png\""));
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let r = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(r.html.contains("<th class=\"align-left\">a</th><th class=\"align-right\">b</th>"), "{}", r.html);
        assert!(r.html.contains("<td class=\"align-left\">1</td>"), "{}", r.html);
        assert!(!r.html.contains("style"));
    }

    #[test]
    fn headings_past_the_limit_get_no_anchor_and_are_marked_once() {
        let body = "## Same\n\n".repeat(MAX_HEADINGS + 20);
        let r = render(&body);
        assert_eq!(r.headings.len(), MAX_HEADINGS);
        assert_eq!(r.html.matches("<h2 id=").count(), MAX_HEADINGS);
        assert_eq!(r.html.matches("<h2>Same</h2>").count(), 20);
        let excess: Vec<_> = r.marks.iter().filter(|m| matches!(m.kind, MarkKind::TooMuch { .. })).collect();
        assert_eq!(excess.len(), 1);
        assert_eq!(excess[0].kind, MarkKind::TooMuch { what: Excess::Headings, found: MAX_HEADINGS + 20 });
    }

    #[test]
    fn raw_html_nested_past_the_limit_is_published_as_escaped_text() {
        let deep = format!(
            "Intro\n\n<div>\n{}<script>alert(1)</script>x &amp; y{}\n</div>\n",
            "<div>".repeat(300),
            "</div>".repeat(300)
        );
        let r = render_at(&deep, 5);
        assert!(!r.html.contains("<div") && !r.html.contains("<script"), "{}", &r.html[..200.min(r.html.len())]);
        assert!(r.html.contains("<p>Intro</p>"), "{}", r.html);
        let excess: Vec<_> = r.marks.iter().filter(|m| matches!(m.kind, MarkKind::TooMuch { .. })).collect();
        assert_eq!(excess[0].kind, MarkKind::TooMuch { what: Excess::Nesting, found: 302 });
        assert_eq!(excess[0].line, 5, "marked at the body's first line");
        let shallow = render(&format!("<div>{}x{}</div>", "<div>".repeat(50), "</div>".repeat(50)));
        assert!(shallow.html.contains("<div><div>"), "shallow HTML is cleaned as before");
    }
}
