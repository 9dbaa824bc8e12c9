//! A vacancy's front matter as an editor writes it, each key with its place in the file, and the
//! schema that names and explains every key.

use crate::input::fields::OneOrMany;
use crate::input::yaml::Schema;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Deserialize)]
pub(super) struct RawVacancy {
    pub(super) title: Option<Spanned<String>>,
    pub(super) reference: Option<Spanned<String>>,
    pub(super) level: Option<Spanned<String>>,
    pub(super) team: Option<Spanned<String>>,
    pub(super) location: Option<Spanned<OneOrMany<Spanned<String>>>>,
    pub(super) salary: Option<Spanned<RawSalary>>,
    pub(super) grade: Option<Spanned<String>>,
    pub(super) hours: Option<Spanned<f64>>,
    pub(super) contract: Option<Spanned<String>>,
    pub(super) hybrid: Option<Spanned<bool>>,
    pub(super) working_pattern: Option<Spanned<OneOrMany<Spanned<String>>>>,
    pub(super) payments: Option<Spanned<Vec<Spanned<RawPayment>>>>,
    pub(super) dbs: Option<Spanned<String>>,
    pub(super) registration: Option<Spanned<String>>,
    pub(super) visa_sponsorship: Option<Spanned<bool>>,
    pub(super) driving: Option<Spanned<bool>>,
    pub(super) posted: Option<Spanned<String>>,
    pub(super) closes: Option<Spanned<String>>,
    pub(super) review_by: Option<Spanned<String>>,
    pub(super) updated: Option<Spanned<String>>,
    pub(super) shortlisting: Option<Spanned<String>>,
    pub(super) interviews: Option<Spanned<OneOrMany<Spanned<String>>>>,
    pub(super) apply_url: Option<Spanned<String>>,
    pub(super) contact: Option<Spanned<RawContact>>,
    pub(super) campaign: Option<Spanned<String>>,
    pub(super) benefits: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) summary: Option<Spanned<String>>,
    pub(super) featured: Option<Spanned<bool>>,
    pub(super) internal_only: Option<Spanned<bool>>,
    pub(super) draft: Option<Spanned<bool>>,
}

#[derive(Deserialize)]
pub(super) struct RawSalary {
    pub(super) min: Option<Spanned<f64>>,
    pub(super) max: Option<Spanned<f64>>,
    pub(super) period: Option<Spanned<String>>,
    pub(super) currency: Option<Spanned<String>>,
    pub(super) note: Option<Spanned<String>>,
}

/// One of `payments:`.
#[derive(Deserialize)]
pub(super) struct RawPayment {
    pub(super) amount: Option<Spanned<f64>>,
    pub(super) description: Option<Spanned<String>>,
    pub(super) note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
pub(super) struct RawContact {
    pub(super) name: Option<Spanned<String>>,
    pub(super) email: Option<Spanned<String>>,
    pub(super) phone: Option<Spanned<String>>,
}

pub(crate) const SCHEMA: Schema = &[
    ("title", "the job title, as text"),
    ("reference", "the vacancy's reference, such as NCC-2026-014"),
    ("level", "one of the `levels` in site.yaml"),
    ("team", "one of the `teams` in site.yaml"),
    ("location", "a location name from site.yaml, or a list of them"),
    ("salary", "the pay: `min`, and optionally `max`, `period`, `currency` and `note`"),
    ("salary.min", "a number such as 37035 (no £ sign or commas)"),
    ("salary.max", "a number such as 41418 (no £ sign or commas)"),
    ("salary.period", "year, month, week, day or hour"),
    ("salary.currency", "a three-letter currency code such as GBP"),
    ("salary.note", "text, such as \"depending on experience\""),
    ("grade", "text, such as \"Grade 9\""),
    ("hours", "the hours a week, as a number such as 37 or 22.5"),
    ("contract", "permanent, fixed-term, secondment or temporary"),
    ("hybrid", "true or false"),
    ("working_pattern", "full-time, part-time, job-share, compressed-hours, term-time, flexible-hours or annualised-hours, or a list of them"),
    ("payments", "extra pay beside the salary: a list, each with `amount`, `description` and optionally `note`"),
    ("payments[].amount", "a number such as 3000 (no £ sign or commas)"),
    ("payments[].description", "what the payment is, such as \"recruitment payment\""),
    ("payments[].note", "when or how it is paid, such as \"after probation\""),
    ("dbs", "basic, standard, enhanced or enhanced-barred (enhanced with the children's barred list)"),
    ("registration", "a registration the post needs, such as Social Work England, or none"),
    ("visa_sponsorship", "true or false: whether you can sponsor a Skilled Worker visa"),
    ("driving", "true when a driving licence or means to travel is needed"),
    ("posted", "a date such as 2026-11-02"),
    ("closes", "a date such as 2026-12-07, a date and time such as 2026-12-07 17:00, or rolling (open until filled)"),
    ("review_by", "for `closes: rolling`: the date you will check the post is still open, such as 2027-02-01"),
    ("updated", "when the advert last changed, such as 2026-11-20 or 2026-11-20 14:30"),
    ("shortlisting", "a date such as 2026-12-10"),
    ("interviews", "a date, or a list of dates"),
    ("apply_url", "the web address of the application form"),
    ("contact", "`name`, `email` and `phone` of someone to talk to"),
    ("contact.name", "a name, as text"),
    ("contact.email", "an email address"),
    ("contact.phone", "a phone number, as text in quotes"),
    ("campaign", "the file name (without .md) of a campaign in content/campaigns/"),
    ("benefits", "a list of file names (without .md) from content/benefits/"),
    ("summary", "one sentence, as text"),
    ("featured", "true or false"),
    ("internal_only", "true or false"),
    ("draft", "true or false"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::yaml::assert_schema_names;

    #[test]
    fn every_key_read_is_in_the_schema_and_every_schema_key_is_read() {
        assert_schema_names::<RawVacancy>(SCHEMA, "");
        assert_schema_names::<RawSalary>(SCHEMA, "salary");
        assert_schema_names::<RawPayment>(SCHEMA, "payments[]");
        assert_schema_names::<RawContact>(SCHEMA, "contact");
    }
}
