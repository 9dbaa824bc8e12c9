//! The one HTML policy: which elements and attributes a content file's raw HTML may use. Cleans
//! rendered HTML with ammonia, and explains to editors what a piece of raw HTML loses.

use crate::input::address;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Elements raw HTML may use: text formatting, lists, tables, figures and `<details>`.
pub const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes any allowed element may carry.
pub const GLOBAL_ATTRIBUTES: &[&str] = &["class", "id", "lang", "title", "dir"];

/// Further attributes per element.
pub const ELEMENT_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("blockquote", &["cite"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("data", &["value"]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("img", &["alt", "height", "src", "width"]),
    ("ins", &["cite", "datetime"]),
    ("ol", &["reversed", "start", "type"]),
    ("q", &["cite"]),
    ("td", &["colspan", "headers", "rowspan"]),
    ("th", &["abbr", "colspan", "headers", "rowspan", "scope"]),
    ("time", &["datetime"]),
];

/// Attributes that hold an address, checked with `address::classify`.
const ADDRESS_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Elements removed with everything inside them, not only their tags.
const REMOVED_WITH_CONTENT: &[&str] = &["script", "style", "template", "textarea", "title", "noscript", "xmp"];

fn attribute_allowed(element: &str, attribute: &str) -> bool {
    GLOBAL_ATTRIBUTES.contains(&attribute)
        || ELEMENT_ATTRIBUTES.iter().any(|(e, attrs)| *e == element && attrs.contains(&attribute))
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(ELEMENTS.iter().copied().collect())
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(GLOBAL_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                ELEMENT_ATTRIBUTES
                    .iter()
                    .map(|(e, attrs)| (*e, attrs.iter().copied().collect::<HashSet<_>>()))
                    .collect::<HashMap<_, _>>(),
            )
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .attribute_filter(|_element, attribute, value| {
                if ADDRESS_ATTRIBUTES.contains(&attribute) && !address::is_allowed(value) {
                    None
                } else {
                    Some(Cow::Borrowed(value))
                }
            });
        b
    })
}

/// `html` with everything outside the policy removed.
pub fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// How deep raw HTML may nest elements: an HTML parser's time grows with the square of the
/// depth (50,000 nested `<div>`s took seconds), and no page needs more than a few dozen.
pub const MAX_NESTING: usize = 200;

/// Elements that never hold others, so they open no level.
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// The deepest nesting of elements in `html`, counted in one pass over its tags (an end tag
/// closes one level; void and self-closed elements open none). Comments and quoted attribute
/// values are skipped, so a `>` inside them does not end a tag.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        if bytes[open..].starts_with(b"<!--") {
            at = memchr::memmem::find(&bytes[open + 4..], b"-->").map_or(bytes.len(), |i| open + 4 + i + 3);
            continue;
        }
        let mut quote = None;
        let mut end = bytes.len();
        for (i, &b) in bytes[open + 1..].iter().enumerate() {
            match (quote, b) {
                (Some(q), b) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = open + 1 + i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &html[open + 1..end.min(html.len())];
        at = end + 1;
        if let Some(closing) = tag.strip_prefix('/') {
            if closing.starts_with(|c: char| c.is_ascii_alphabetic()) {
                depth = depth.saturating_sub(1);
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name_end = tag.find(|c: char| c.is_ascii_whitespace() || c == '/').unwrap_or(tag.len());
            let name = tag[..name_end].to_ascii_lowercase();
            if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        if at >= bytes.len() {
            break;
        }
    }
    deepest
}

/// Something the policy takes out of a piece of raw HTML, for `check` to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// 0-based line within the piece of HTML.
    pub line: usize,
    pub message: String,
    pub hint: String,
}

const ELEMENT_HINT: &str =
    "raw HTML may use simple formatting only (see \"HTML in content\" in docs/content.md); write the rest in markdown";

struct Inspector {
    found: RefCell<Vec<Removal>>,
}

impl TokenSink for Inspector {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let line = (line_number as usize).saturating_sub(1);
        let element = tag.name.to_string();
        let mut found = self.found.borrow_mut();
        if !ELEMENTS.contains(&element.as_str()) {
            let what = if REMOVED_WITH_CONTENT.contains(&element.as_str()) { " and its content were" } else { " was" };
            found.push(Removal {
                line,
                message: format!("the `<{element}>` element{what} removed: it is not allowed in content"),
                hint: ELEMENT_HINT.into(),
            });
            return TokenSinkResult::Continue;
        }
        for attr in &tag.attrs {
            let name = attr.name.local.to_string();
            if !attribute_allowed(&element, &name) {
                let hint = if name.starts_with("on") {
                    "event handlers would run script on the council's site; they are never published".to_string()
                } else if name == "style" {
                    "inline styles are blocked by the site's security policy; use a class from the theme".to_string()
                } else {
                    ELEMENT_HINT.to_string()
                };
                found.push(Removal {
                    line,
                    message: format!("the `{name}` attribute of `<{element}>` was removed"),
                    hint,
                });
            } else if ADDRESS_ATTRIBUTES.contains(&name.as_str()) {
                if let Err(refused) = address::classify(&attr.value) {
                    found.push(Removal {
                        line,
                        message: format!("the address in `<{element} {name}>` was removed: {}", refused.reason),
                        hint: refused.hint.into(),
                    });
                }
            }
        }
        TokenSinkResult::Continue
    }
}

/// What the policy removes from `raw`, a piece of HTML written in a content file.
pub fn inspect(raw: &str) -> Vec<Removal> {
    let tokenizer = Tokenizer::new(Inspector { found: RefCell::new(Vec::new()) }, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(raw));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.found.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_formatting_stays() {
        let html = "<p><abbr title=\"Assessed and Supported Year in Employment\">ASYE</abbr> 2<sup>nd</sup><br>\
                    <a href=\"https://example.org/\">x</a> <a href=\"/jobs/\">y</a> <a href=\"mailto:a@b.org\">m</a></p>\
                    <details open><summary>More</summary><p>Hidden</p></details>\
                    <table><thead><tr><th scope=\"col\">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>\
                    <h2 id=\"pay\" class=\"x\">Pay</h2>";
        assert_eq!(clean(html), html.replace("<details open>", "<details open=\"\">"));
    }

    #[test]
    fn script_frames_forms_styles_handlers_and_bad_addresses_go() {
        let html = "<script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>\
            <object data=\"x\"></object><embed src=\"x\"><form action=\"/x\"><input name=\"q\"></form>\
            <style>body{}</style><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\
            <base href=\"https://evil.example/\"><p onclick=\"alert(1)\" style=\"color:red\">text</p>\
            <details ontoggle=\"alert(1)\" open>d</details><a href=\"jav&#x61;script:alert(1)\">a</a>\
            <a href=\"java\tscript:alert(1)\">b</a><img src=\"data:image/png;base64,AA\" alt=\"c\">\
            <iframe srcdoc=\"<script>alert(1)</script>\"></iframe><svg><script>alert(1)</script></svg>";
        let out = clean(html);
        for gone in [
            "script",
            "iframe",
            "object",
            "embed",
            "form",
            "input",
            "style",
            "meta",
            "base",
            "onclick",
            "ontoggle",
            "javascript",
            "data:",
            "srcdoc",
            "alert",
            "svg",
        ] {
            assert!(!out.to_ascii_lowercase().contains(gone), "{gone} survived in {out}");
        }
        assert!(out.contains("<p>text</p>"), "{out}");
    }

    #[test]
    fn inspection_names_each_removed_element_attribute_and_address_with_its_line() {
        let found = inspect("<p onclick=\"x()\">a</p>\n<script>alert(1)</script>\n<a href=\"javascript:x\">b</a>");
        let messages: Vec<_> = found.iter().map(|r| (r.line, r.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                (0, "the `onclick` attribute of `<p>` was removed"),
                (1, "the `<script>` element and its content were removed: it is not allowed in content"),
                (2, "the address in `<a href>` was removed: `javascript:` addresses are not published"),
            ]
        );
        assert!(inspect("<abbr title=\"x\">X</abbr><br><sup>2</sup>").is_empty());
    }

    #[test]
    fn nesting_is_counted_in_one_pass() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x><em>c</em></p><div/>"), 2);
        assert_eq!(nesting_depth("<div title='>'><!-- <div><div> --><span></span></div>"), 2);
        assert_eq!(nesting_depth("</div></div><b>"), 1, "stray end tags close nothing");
        let deep = "<div>".repeat(50_000) + &"</div>".repeat(50_000);
        assert_eq!(nesting_depth(&deep), 50_000);
        assert_eq!(nesting_depth("a < b and <unclosed"), 0, "a tag never closed is no element, as a parser reads it");
    }
}
