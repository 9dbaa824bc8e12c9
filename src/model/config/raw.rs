//! The raw keys of `site.yaml` as an editor writes them, each with its place in the file, and the
//! schema that names and explains every key.

use crate::input::yaml::Schema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
pub(super) struct RawSite {
    pub(super) title: Option<Spanned<String>>,
    pub(super) base_url: Option<Spanned<String>>,
    pub(super) language: Option<Spanned<String>>,
    pub(super) timezone: Option<Spanned<String>>,
    pub(super) currency: Option<Spanned<String>>,
    pub(super) full_time_hours: Option<Spanned<f64>>,
    pub(super) salary_floor: Option<Spanned<f64>>,
    pub(super) editor_schemas: Option<Spanned<String>>,
    pub(super) theme: Option<Spanned<String>>,
    pub(super) organisation: Option<Spanned<RawOrganisation>>,
    pub(super) levels: Option<Spanned<Vec<Spanned<RawTerm>>>>,
    pub(super) teams: Option<Spanned<Vec<Spanned<RawTerm>>>>,
    pub(super) locations: Option<Spanned<Vec<Spanned<RawPlace>>>>,
    pub(super) brand: Option<Spanned<RawBrand>>,
    pub(super) reference_pattern: Option<Spanned<String>>,
    pub(super) page_size: Option<Spanned<u32>>,
    pub(super) content_security_policy: Option<Spanned<RawPolicy>>,
    pub(super) share_image: Option<Spanned<String>>,
    pub(super) reviewed_static_files: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) find_a_job_category: Option<Spanned<u32>>,
    pub(super) statements: Option<Spanned<Vec<Spanned<RawStatement>>>>,
    pub(super) defaults: Option<Spanned<RawDefaults>>,
    pub(super) portal: Option<Spanned<RawPortal>>,
}

/// A level or a team: its name alone, or `{name, aliases}` where other councils' feeds call it
/// something else (a portal matches their vacancies by either).
pub(super) enum RawTerm {
    Name(String),
    Named(RawNamedTerm),
}

#[derive(Deserialize)]
pub(super) struct RawNamedTerm {
    pub(super) name: Option<Spanned<String>>,
    pub(super) aliases: Option<Spanned<Vec<Spanned<String>>>>,
}

impl<'de> Deserialize<'de> for RawTerm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de;
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = RawTerm;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or a name with its aliases")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTerm, E> {
                Ok(RawTerm::Name(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTerm, E> {
                Ok(RawTerm::Name(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTerm, E> {
                Ok(RawTerm::Name(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTerm, E> {
                Ok(RawTerm::Name(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawTerm, A::Error> {
                RawNamedTerm::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawTerm::Named)
            }
        }
        d.deserialize_any(Visit)
    }
}

/// `portal:`: the site gathers other councils' vacancies from their feeds.
#[derive(Deserialize)]
pub(super) struct RawPortal {
    pub(super) sources: Option<Spanned<Vec<Spanned<RawSource>>>>,
}

/// One of `portal.sources`: a council and the address of its `/jobs/feed.json`.
#[derive(Deserialize)]
pub(super) struct RawSource {
    pub(super) name: Option<Spanned<String>>,
    pub(super) feed: Option<Spanned<String>>,
    pub(super) domains: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `defaults:`: what a vacancy needs when it does not say, for the site and by level or team.
#[derive(Deserialize)]
pub(super) struct RawDefaults {
    pub(super) dbs: Option<Spanned<String>>,
    pub(super) registration: Option<Spanned<String>>,
    pub(super) levels: Option<Spanned<HashMap<Spanned<String>, Spanned<RawNeeds>>>>,
    pub(super) teams: Option<Spanned<HashMap<Spanned<String>, Spanned<RawNeeds>>>>,
}

/// What a group of posts needs: the keys a default may set.
#[derive(Deserialize)]
pub(super) struct RawNeeds {
    pub(super) dbs: Option<Spanned<String>>,
    pub(super) registration: Option<Spanned<String>>,
}

/// One of `statements:`: a title and its text (markdown).
#[derive(Deserialize)]
pub(super) struct RawStatement {
    pub(super) title: Option<Spanned<String>>,
    pub(super) text: Option<Spanned<String>>,
}

/// `content_security_policy:`: sources to add, by directive.
pub(super) type RawPolicy = BTreeMap<String, Vec<Spanned<String>>>;

#[derive(Deserialize)]
pub(super) struct RawOrganisation {
    pub(super) name: Option<Spanned<String>>,
    pub(super) url: Option<Spanned<String>>,
    pub(super) logo: Option<Spanned<String>>,
    pub(super) contact: Option<Spanned<RawRecruitmentContact>>,
    pub(super) social: Option<Spanned<Vec<Spanned<RawSocial>>>>,
}

#[derive(Deserialize)]
pub(super) struct RawRecruitmentContact {
    pub(super) email: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
    pub(super) address: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawSocial {
    pub(super) name: Option<Spanned<String>>,
    pub(super) url: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawPlace {
    pub(super) name: Option<Spanned<String>>,
    pub(super) street: Option<Spanned<String>>,
    pub(super) locality: Option<Spanned<String>>,
    pub(super) region: Option<Spanned<String>>,
    pub(super) postcode: Option<Spanned<String>>,
    pub(super) country: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawBrand {
    pub(super) primary: Option<Spanned<String>>,
    pub(super) primary_text: Option<Spanned<String>>,
    pub(super) accent: Option<Spanned<String>>,
}

pub(crate) const SCHEMA: Schema = &[
    ("title", "the site's title, as text"),
    ("base_url", "the address the site is published at, such as https://careers.example.gov.uk/"),
    ("language", "a language tag such as en-GB"),
    ("timezone", "a time zone name such as Europe/London"),
    ("currency", "a three-letter currency code such as GBP"),
    ("full_time_hours", "the weekly hours of a full-time post, such as 37"),
    ("salary_floor", "the lowest believable full-time pay a year, such as 12000: `check` warns below it"),
    ("editor_schemas", "a folder in the site, such as schemas, holding `jobsite schema` files for editors' tools"),
    ("share_image", "a PNG or JPEG under static/, such as /images/share.png (1200 by 630 pixels)"),
    (
        "reviewed_static_files",
        "files under static/ that can run script (HTML, SVG, JavaScript, XML) and that someone has checked, such as [images/logo.svg]",
    ),
    ("find_a_job_category", "the number of the DWP Find a job category your vacancies belong to"),
    ("statements", "a list of statements shown on every vacancy, each with `title` and `text`"),
    ("statements[].title", "the statement's heading, as text"),
    ("statements[].text", "the statement itself, in markdown"),
    ("defaults", "what a vacancy needs when it does not say: `dbs`, `registration`, and by `levels` or `teams`"),
    ("defaults.dbs", DBS),
    ("defaults.registration", REGISTRATION),
    ("defaults.levels", "by level: each level's name from `levels`, then its `dbs` or `registration` indented below"),
    ("defaults.levels.*", "`dbs` and `registration` for this level"),
    ("defaults.levels.*.dbs", DBS),
    ("defaults.levels.*.registration", REGISTRATION),
    ("defaults.teams", "by team: each team's name from `teams`, then its `dbs` or `registration` indented below"),
    ("defaults.teams.*", "`dbs` and `registration` for this team"),
    ("defaults.teams.*.dbs", DBS),
    ("defaults.teams.*.registration", REGISTRATION),
    ("theme", "the name of a folder under themes/"),
    ("organisation", "the employer: `name`, and optionally `url`, `logo`, `contact` and `social`"),
    ("organisation.name", "the employer's name, as text"),
    ("organisation.url", "the employer's web address"),
    ("organisation.logo", "the address of the employer's logo"),
    ("organisation.contact", "the recruitment team's `email`, `phone` and `address`, shown on every page"),
    ("organisation.contact.email", "an email address"),
    ("organisation.contact.phone", "a phone number, as text in quotes"),
    ("organisation.contact.address", "a postal address on one line, as text"),
    ("organisation.social", "a list of pages on social networks, each with `name` and `url`"),
    ("organisation.social[].name", "the network's name, such as LinkedIn"),
    ("organisation.social[].url", "the page's web address, starting with https://"),
    ("levels", "a list of career levels, one per line starting with `- `"),
    ("levels[].name", "the level's name, as text"),
    ("levels[].aliases", "other names councils' feeds give this level, such as [Social Worker (ASYE)]"),
    ("teams", "a list of team types, one per line starting with `- `"),
    ("teams[].name", "the team type's name, as text"),
    ("teams[].aliases", "other names councils' feeds give this team type, such as [Fostering Service]"),
    ("portal", "for a regional portal: `sources`, the councils whose vacancies it gathers (see docs/portal.md)"),
    ("portal.sources", "a list of councils, each with `name` and `feed`"),
    ("portal.sources[].name", "the council's name, as text"),
    (
        "portal.sources[].domains",
        "the domains its adverts and apply links may be on, such as [northshire.gov.uk] (default: the feed's own)",
    ),
    (
        "portal.sources[].feed",
        "the address of the council's JSON Feed of vacancies (https://…), or a file path in the site folder",
    ),
    ("locations", "a list of workplaces, each with `name`, `street`, `locality`, `region`, `postcode` and `country`"),
    ("locations[].name", "the workplace's name, as text"),
    ("locations[].street", "a street address, as text"),
    ("locations[].locality", "a town or city, as text"),
    ("locations[].region", "a county or region, as text"),
    ("locations[].postcode", "a postcode, as text"),
    ("locations[].country", "a two-letter country code such as GB"),
    ("brand", "theme colours: `primary`, `primary_text`, `accent`"),
    ("page_size", "how many vacancies a listing page shows, such as 50"),
    ("reference_pattern", "a pattern for new references with {n}, such as \"KVC-{year}-{n:03}\""),
    ("brand.primary", "a colour such as \"#1d4f91\" (in quotes)"),
    ("brand.primary_text", "a colour such as \"#ffffff\" (in quotes)"),
    ("brand.accent", "a colour such as \"#ffdd00\" (in quotes)"),
    ("content_security_policy", "sources to add to the pages' security policy, by directive (see docs/hardening.md)"),
    ("content_security_policy.default-src", CSP_SOURCES),
    ("content_security_policy.script-src", CSP_SOURCES),
    ("content_security_policy.style-src", CSP_SOURCES),
    ("content_security_policy.img-src", CSP_SOURCES),
    ("content_security_policy.media-src", CSP_SOURCES),
    ("content_security_policy.font-src", CSP_SOURCES),
    ("content_security_policy.connect-src", CSP_SOURCES),
    ("content_security_policy.frame-src", CSP_SOURCES),
    ("content_security_policy.object-src", CSP_SOURCES),
    ("content_security_policy.base-uri", CSP_SOURCES),
    ("content_security_policy.form-action", CSP_SOURCES),
];

const DBS: &str = "basic, standard, enhanced or enhanced-barred";
const REGISTRATION: &str = "a registration, such as Social Work England, or none";

pub(super) const CSP_SOURCES: &str = "a list of https:// addresses, such as [https://analytics.example.org]";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::yaml::assert_schema_names;

    #[test]
    fn every_key_read_is_in_the_schema_and_every_schema_key_is_read() {
        assert_schema_names::<RawSite>(SCHEMA, "");
        assert_schema_names::<RawDefaults>(SCHEMA, "defaults");
        assert_schema_names::<RawNeeds>(SCHEMA, "defaults.levels.*");
        assert_schema_names::<RawNeeds>(SCHEMA, "defaults.teams.*");
        assert_schema_names::<RawStatement>(SCHEMA, "statements[]");
        assert_schema_names::<RawOrganisation>(SCHEMA, "organisation");
        assert_schema_names::<RawRecruitmentContact>(SCHEMA, "organisation.contact");
        assert_schema_names::<RawSocial>(SCHEMA, "organisation.social[]");
        assert_schema_names::<RawPlace>(SCHEMA, "locations[]");
        assert_schema_names::<RawBrand>(SCHEMA, "brand");
        assert_schema_names::<RawNamedTerm>(SCHEMA, "levels[]");
        assert_schema_names::<RawNamedTerm>(SCHEMA, "teams[]");
        assert_schema_names::<RawPortal>(SCHEMA, "portal");
        assert_schema_names::<RawSource>(SCHEMA, "portal.sources[]");
    }
}
