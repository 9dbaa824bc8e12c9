//! `jobsite schema <kind>`: a JSON Schema (2020-12) of one kind of front matter, or of site.yaml,
//! for this site: its levels, teams, workplaces, campaigns and benefits as choices, each key
//! described in the words the build's own messages use, and no other key allowed. Editors' tools
//! (VS Code's YAML extension, GitHub's editor) then complete and underline as they type.

use crate::input::yaml::Schema;
use crate::model::config::{Dbs, Site};
use crate::model::content::{articles, campaign, story, vacancy, Contract, Kind, Library, Period, WorkingPattern};
use serde_json::{json, Map, Value};

/// The kinds of file a schema can be made for, as `jobsite schema` names them: every content kind
/// (`Kind::name`, held equal by a test) and site.yaml.
pub const KINDS: [&str; 8] = ["vacancy", "campaign", "story", "benefit", "news", "event", "page", "site"];

/// What a key holds, for the schema's `type`.
enum Shape {
    Text,
    /// A date, or a date and a 24-hour time.
    When,
    /// A date, or a date and time, or this word (`closes: rolling`).
    WhenOr(&'static str),
    Number,
    WholeNumber,
    Flag,
    Address,
    OneOf(Vec<String>),
    /// Written once or as a list.
    OneOrMany(Box<Shape>),
    List(Box<Shape>),
    /// Keys of its own (described by the schema's `parent.child` entries).
    Keys,
    /// A list of items with keys of their own (`parent[].child`).
    Items,
    /// Names from a list (a level's, a team's), each with keys of its own (`parent.*.child`).
    Named(Vec<String>),
    /// A list whose items are text or have keys of their own (`parent[].child`): levels and teams,
    /// written as a name or as `{name, aliases}`.
    TextOrItems,
}

/// The JSON Schema of `kind` for the site at `root`, as pretty JSON. The site's files need not all
/// load (a schema helps fix them); site.yaml must.
pub fn run(root: &std::path::Path, kind: &str) -> Result<String, crate::diagnostics::Diagnostics> {
    let loaded = crate::model::content::load_partial(root)?;
    let schema = json_schema(kind, &loaded.library).ok_or_else(|| {
        crate::diagnostics::Diagnostic::error("jobsite schema", format!("there is no schema for `{kind}`"))
            .hint(format!("name one of: {}", KINDS.join(", ")))
    })?;
    Ok(serde_json::to_string_pretty(&schema).expect("a schema always serialises") + "\n")
}

/// The JSON Schema of `kind` for the site in `library`, or `None` for an unknown kind.
pub fn json_schema(kind: &str, library: &Library) -> Option<Value> {
    let content = Kind::named(kind);
    let (schema, required): (Schema, &[&str]) = match (kind, content) {
        ("site", _) => {
            (crate::model::config::SCHEMA, &["title", "base_url", "organisation", "levels", "teams", "locations"])
        }
        (_, Some(Kind::Vacancy)) => (
            vacancy::SCHEMA,
            &[
                "title",
                "reference",
                "level",
                "team",
                "location",
                "salary",
                "hours",
                "contract",
                "posted",
                "closes",
                "apply_url",
            ],
        ),
        (_, Some(Kind::Campaign)) => (campaign::SCHEMA, &["title"]),
        (_, Some(Kind::Story)) => (story::SCHEMA, &["title"]),
        (_, Some(Kind::Benefit)) => (articles::BENEFIT_SCHEMA, &["title"]),
        (_, Some(Kind::News)) => (articles::NEWS_SCHEMA, &["title", "date"]),
        (_, Some(Kind::Event)) => (articles::EVENT_SCHEMA, &["title", "starts"]),
        (_, Some(Kind::Page)) => (articles::PAGE_SCHEMA, &["title"]),
        (_, None) => return None,
    };
    let mut root = object(schema, "", kind, library);
    root["required"] = json!(required);
    let mut top = Map::new();
    top.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    let file = if kind == "site" { "site.yaml".to_string() } else { format!("a {kind}'s front matter") };
    top.insert("title".into(), json!(format!("{file} for {}", library.site.title)));
    if let Value::Object(rest) = root {
        top.extend(rest);
    }
    Some(Value::Object(top))
}

/// The object whose keys the schema names under `parent` (`""` for the top level).
fn object(schema: Schema, parent: &str, kind: &str, library: &Library) -> Value {
    let prefix = if parent.is_empty() { String::new() } else { format!("{parent}.") };
    let mut properties = Map::new();
    for (path, description) in schema {
        let Some(name) = path.strip_prefix(&prefix).filter(|n| !n.contains(['.', '['])) else { continue };
        let mut property = shape_schema(&shape(kind, path, &library.site, library), schema, path, kind, library);
        property["description"] = json!(description);
        properties.insert(name.to_string(), property);
    }
    let mut object = json!({ "type": "object", "additionalProperties": false, "properties": properties });
    let required: &[&str] = match (kind, parent) {
        ("vacancy", "salary") => &["min"],
        ("vacancy", "payments[]") => &["amount", "description"],
        ("site", "organisation") => &["name"],
        ("site", "organisation.social[]") => &["name", "url"],
        ("site", "portal") => &["sources"],
        ("site", "portal.sources[]") => &["name", "feed"],
        ("site", "levels[]" | "teams[]") => &["name"],
        ("site", "locations[]") => &["name"],
        ("site", "statements[]") => &["title", "text"],
        _ => &[],
    };
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    object
}

fn shape_schema(shape: &Shape, schema: Schema, path: &str, kind: &str, library: &Library) -> Value {
    match shape {
        Shape::Text => json!({ "type": "string", "minLength": 1 }),
        Shape::When => {
            json!({ "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?)?$" })
        }
        Shape::WhenOr(word) => {
            json!({ "anyOf": [shape_schema(&Shape::When, schema, path, kind, library), { "const": word }] })
        }
        Shape::Number => json!({ "type": "number", "exclusiveMinimum": 0 }),
        Shape::WholeNumber => json!({ "type": "integer" }),
        Shape::Flag => json!({ "type": "boolean" }),
        Shape::Address => json!({ "type": "string", "minLength": 1 }),
        Shape::OneOf(choices) => json!({ "enum": choices }),
        Shape::OneOrMany(item) => {
            let item = shape_schema(item, schema, path, kind, library);
            json!({ "anyOf": [item.clone(), { "type": "array", "items": item, "minItems": 1 }] })
        }
        Shape::List(item) => json!({ "type": "array", "items": shape_schema(item, schema, path, kind, library) }),
        Shape::Keys => object(schema, path, kind, library),
        Shape::Items => json!({ "type": "array", "items": object(schema, &format!("{path}[]"), kind, library) }),
        Shape::TextOrItems => json!({
            "type": "array",
            "items": { "anyOf": [{ "type": "string", "minLength": 1 }, object(schema, &format!("{path}[]"), kind, library)] },
        }),
        Shape::Named(names) => json!({
            "type": "object",
            "propertyNames": { "enum": names },
            "additionalProperties": object(schema, &format!("{path}.*"), kind, library),
        }),
    }
}

/// What the key at `path` of `kind` holds.
fn shape(kind: &str, path: &str, site: &Site, library: &Library) -> Shape {
    let names = |list: Vec<&str>| Shape::OneOf(list.into_iter().map(String::from).collect());
    let key = path.rsplit('.').next().unwrap_or(path);
    match (kind, path) {
        ("vacancy", "level") => names(site.levels.iter().map(|t| t.name.as_str()).collect()),
        ("vacancy", "team") => names(site.teams.iter().map(|t| t.name.as_str()).collect()),
        ("vacancy", "location") => {
            Shape::OneOrMany(Box::new(names(site.locations.iter().map(|p| p.name.as_str()).collect())))
        }
        ("vacancy", "contract") => names(Contract::NAMES.to_vec()),
        ("vacancy", "salary.period") => names(Period::NAMES.to_vec()),
        ("vacancy", "working_pattern") => Shape::OneOrMany(Box::new(names(WorkingPattern::NAMES.to_vec()))),
        ("vacancy", "dbs") | ("site", _) if key == "dbs" => names(Dbs::NAMES.to_vec()),
        ("vacancy", "campaign") => names(library.campaigns.iter().map(|c| c.stem.as_str()).collect()),
        ("vacancy", "benefits") => {
            Shape::List(Box::new(names(library.benefits.iter().map(|b| b.stem.as_str()).collect())))
        }
        ("vacancy", "closes") => Shape::WhenOr("rolling"),
        ("vacancy", "salary" | "contact")
        | (
            "site",
            "organisation" | "organisation.contact" | "brand" | "defaults" | "content_security_policy" | "portal",
        ) => Shape::Keys,
        ("vacancy", "payments") | ("site", "locations" | "statements" | "organisation.social" | "portal.sources") => {
            Shape::Items
        }
        ("site", "defaults.levels") => Shape::Named(site.levels.iter().map(|t| t.name.clone()).collect()),
        ("site", "defaults.teams") => Shape::Named(site.teams.iter().map(|t| t.name.clone()).collect()),
        ("site", "levels" | "teams") => Shape::TextOrItems,
        ("site", "levels[].aliases" | "teams[].aliases" | "reviewed_static_files" | "portal.sources[].domains") => {
            Shape::List(Box::new(Shape::Text))
        }
        ("site", p) if p.starts_with("content_security_policy.") => Shape::List(Box::new(Shape::Address)),
        (_, "interviews") => Shape::OneOrMany(Box::new(Shape::When)),
        _ => match key {
            "posted" | "updated" | "shortlisting" | "review_by" | "date" | "starts" | "ends" => Shape::When,
            "hours" | "min" | "max" | "amount" | "full_time_hours" | "salary_floor" => Shape::Number,
            "weight" | "page_size" | "find_a_job_category" => Shape::WholeNumber,
            "hybrid" | "visa_sponsorship" | "driving" | "featured" | "internal_only" | "draft" | "menu" => Shape::Flag,
            "apply_url" | "booking_url" | "url" | "logo" | "photo" | "video" | "captions" | "image" | "share_image"
            | "base_url" => Shape::Address,
            _ => Shape::Text,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_content_kind_and_site_yaml_has_a_schema() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).chain(["site"]).collect();
        assert_eq!(KINDS.to_vec(), names, "KINDS lists every content kind by its name");
    }
}
