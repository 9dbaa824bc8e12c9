//! A recruitment campaign (`content/campaigns/*.md`): a named drive that vacancies join.

use super::document;
use crate::diagnostics::Diagnostic;
use crate::input::dates::Moment;
use crate::input::fields::{Fields, OneOrMany};
use crate::input::markdown::Rendered;
use crate::input::yaml::Schema;
use crate::model::config::Site;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Clone)]
pub struct Campaign {
    pub stem: String,
    pub file: String,
    pub title: String,
    pub summary: String,
    pub shortlisting: Option<Moment>,
    pub interviews: Vec<Moment>,
    /// How a candidate says which team they would prefer; the theme has a default wording.
    pub team_preference: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub draft: bool,
    pub body: Rendered,
}

#[derive(Deserialize)]
struct RawCampaign {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    shortlisting: Option<Spanned<String>>,
    interviews: Option<Spanned<OneOrMany<Spanned<String>>>>,
    team_preference: Option<Spanned<String>>,
    image: Option<Spanned<String>>,
    image_alt: Option<Spanned<String>>,
    draft: Option<Spanned<bool>>,
}

pub const SCHEMA: Schema = &[
    ("title", "the campaign's name, as text"),
    ("summary", "one sentence, as text"),
    ("shortlisting", "a date such as 2026-12-10"),
    ("interviews", "a date, or a list of dates"),
    ("team_preference", "text telling candidates how to say which team they prefer"),
    ("image", "the address of an image, such as /images/campaign.svg"),
    ("image_alt", "text describing the image for people who cannot see it"),
    ("draft", "true or false"),
];

pub fn parse(source: &str, file: &str, stem: &str, site: &Site) -> Result<Campaign, Vec<Diagnostic>> {
    let (raw, mut f, body) = document::read::<RawCampaign>(source, file, SCHEMA)?;
    let RawCampaign { title, summary, shortlisting, interviews, team_preference, image, image_alt, draft } = raw;
    let tz = &site.timezone;
    let title = f.required_text(title, "title", "Join our Fostering teams");
    let summary = f.optional_text(summary, "summary");
    let shortlisting = f.optional_moment(&shortlisting, "shortlisting", tz);
    let interviews: Option<Vec<Moment>> = interviews.map_or(Some(Vec::new()), |list| {
        let days: Vec<Option<Moment>> =
            crate::input::fields::items(list).iter().map(|d| f.moment(d, "interviews", tz)).collect();
        days.into_iter().collect()
    });
    let image_span = image.clone();
    let image = f.optional_address(image, "image");
    let image_alt = f.optional_text(image_alt, "image_alt");
    if let (Some(span), None) = (&image_span, &image_alt) {
        f.bad(
            span,
            "image",
            "an image needs a description",
            Some("add `image_alt:` describing what the image shows".into()),
        );
    }
    let rendered = body.render();
    let campaign = (|| {
        Some(Campaign {
            stem: stem.to_string(),
            file: file.to_string(),
            title: title?,
            summary: summary.unwrap_or_else(|| rendered.first_paragraph.clone()),
            shortlisting,
            interviews: interviews?,
            team_preference: f.optional_text(team_preference, "team_preference"),
            image,
            image_alt,
            draft: Fields::flag(draft),
            body: rendered,
        })
    })();
    f.finish(campaign)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_read_is_in_the_schema_and_every_schema_key_is_read() {
        crate::input::yaml::assert_schema_names::<super::RawCampaign>(super::SCHEMA, "");
    }
}
