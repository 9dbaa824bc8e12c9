//! A staff story (`content/stories/*.md`): a person, their photo, an optional film and its transcript.

use super::document;
use crate::diagnostics::Diagnostic;
use crate::input::dates::Moment;
use crate::input::fields::Fields;
use crate::input::markdown::{self, Rendered};
use crate::input::yaml::Schema;
use crate::model::config::Site;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Clone)]
pub struct Story {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub team: Option<String>,
    pub summary: String,
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    pub video: Option<String>,
    pub captions: Option<String>,
    pub date: Option<Moment>,
    pub draft: bool,
    pub body: Rendered,
    /// The transcript, when it lives in its own file (otherwise it is part of `body`).
    pub transcript: Option<Rendered>,
}

#[derive(Deserialize)]
struct RawStory {
    title: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    role: Option<Spanned<String>>,
    team: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    photo: Option<Spanned<String>>,
    photo_alt: Option<Spanned<String>>,
    video: Option<Spanned<String>>,
    captions: Option<Spanned<String>>,
    transcript: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    draft: Option<Spanned<bool>>,
}

pub const SCHEMA: Schema = &[
    ("title", "the story's headline, as text"),
    ("name", "the person's name, as text"),
    ("role", "their job title, as text"),
    ("team", "their team, as text"),
    ("summary", "one sentence, as text"),
    ("photo", "the address of a photo, such as /images/stories/amira.jpg"),
    ("photo_alt", "text describing the photo for people who cannot see it"),
    ("video", "the address of the film: a video file or a web page"),
    ("captions", "the address of a WebVTT captions file (.vtt) for the film"),
    ("transcript", "the name of a markdown file beside the story holding the film's transcript"),
    ("date", "a date such as 2026-10-01"),
    ("draft", "true or false"),
];

/// Names the transcript file a story's text points to, if any, without checking the rest (the
/// loader reads it before the story is checked; the story's own check reports its position).
pub fn transcript_ref(source: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct OnlyTranscript {
        transcript: Option<Spanned<String>>,
    }
    let split = crate::input::frontmatter::split(source).ok()?;
    let raw: OnlyTranscript = serde_saphyr::from_str(split.yaml).ok()?;
    raw.transcript.map(|t| t.value.trim().to_string())
}

/// Checks a story; `transcript` is the text of its transcript file when it names one that exists.
pub fn parse(
    source: &str,
    file: &str,
    stem: &str,
    site: &Site,
    transcript: Option<&str>,
) -> Result<Story, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawStory>(source, file, SCHEMA)?;
    let RawStory {
        title,
        name,
        role,
        team,
        summary,
        photo,
        photo_alt,
        video,
        captions,
        transcript: transcript_key,
        date,
        draft,
    } = raw;
    let title = f.required_text(title, "title", "Why I moved to Northshire");
    let photo_span = photo.clone();
    let photo = f.optional_address(photo, "photo");
    let photo_alt = f.optional_text(photo_alt, "photo_alt");
    if let (Some(span), None) = (&photo_span, &photo_alt) {
        f.bad(
            span,
            "photo",
            "a photo needs a description",
            Some("add `photo_alt:` describing what the photo shows".into()),
        );
    }
    let video_span = video.clone();
    let video = f.optional_address(video, "video");
    let rendered = body.render();
    let has_transcript_heading = rendered.headings.iter().any(|h| h.text.eq_ignore_ascii_case("transcript"));
    let transcript = transcript.map(markdown::render);
    if let Some(span) = &transcript_key {
        if transcript.is_none() {
            let name = span.value.trim();
            f.bad(span, "transcript", format!("the transcript file `{name}` does not exist beside this story"), None);
        }
    }
    if let (Some(span), false, None) = (&video_span, has_transcript_heading, &transcript_key) {
        f.bad(
            span,
            "video",
            "a story with a film needs a transcript",
            Some("add a `## Transcript` heading to the story with the words of the film, or a `transcript:` key naming a markdown file beside it".into()),
        );
    }
    let date = f.optional_moment(&date, "date", &site.timezone);
    let story = (|| {
        Some(Story {
            stem: stem.to_string(),
            file: file.to_string(),
            title: title?,
            name: f.optional_text(name, "name"),
            role: f.optional_text(role, "role"),
            team: f.optional_text(team, "team"),
            summary: f.optional_text(summary, "summary").unwrap_or_else(|| rendered.first_paragraph.clone()),
            photo,
            photo_alt,
            video,
            captions: f.optional_address(captions, "captions"),
            date,
            draft: Fields::flag(draft),
            body: rendered,
            transcript,
        })
    })();
    f.finish(story)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_read_is_in_the_schema_and_every_schema_key_is_read() {
        crate::input::yaml::assert_schema_names::<super::RawStory>(super::SCHEMA, "");
    }
}
