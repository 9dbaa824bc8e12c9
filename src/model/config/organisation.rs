//! `organisation:` in site.yaml: the employer's name, address on the web, logo, the recruitment
//! team's contact details and the social networks it is on.

use super::raw::{RawOrganisation, RawRecruitmentContact, RawSocial};
use crate::input::fields::Fields;
use serde_saphyr::Spanned;

/// The employer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
    /// How candidates reach the recruitment team, shown in every page's footer.
    pub contact: Option<RecruitmentContact>,
    /// The organisation's pages on social networks, in site.yaml order.
    pub social: Vec<SocialLink>,
}

/// The recruitment team's email, phone and postal address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecruitmentContact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// A page on a social network: its name ("LinkedIn") and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocialLink {
    pub name: String,
    pub url: String,
}

pub(super) fn organisation(f: &mut Fields, raw: Option<Spanned<RawOrganisation>>) -> Option<Organisation> {
    let o = f.required(raw, "organisation", "{ name: Northshire County Council }")?;
    let RawOrganisation { name, url, logo, contact, social } = o.value;
    let name = f.required_text(name, "organisation.name", "Northshire County Council");
    let url = url.and_then(|u| f.url(&u, "organisation.url"));
    let logo = f.optional_address(logo, "organisation.logo");
    let contact = contact.map(|c| {
        let RawRecruitmentContact { email, phone, address } = c.value;
        RecruitmentContact {
            email: email.and_then(|e| f.email(&e, "organisation.contact.email")),
            phone: f.optional_text(phone, "organisation.contact.phone"),
            address: f.optional_text(address, "organisation.contact.address"),
        }
    });
    let social = social
        .map(|list| {
            list.value
                .into_iter()
                .filter_map(|s| {
                    let RawSocial { name, url } = s.value;
                    let name = f.required_text(name, "organisation.social[].name", "LinkedIn");
                    let url = f
                        .required(url, "organisation.social[].url", "https://www.linkedin.com/company/…")
                        .and_then(|u| f.url(&u, "organisation.social[].url"));
                    Some(SocialLink { name: name?, url: url? })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Organisation { name: name?, url, logo, contact, social })
}

#[cfg(test)]
mod tests {
    use crate::model::config::parse_site;

    const START: &str = "title: C\nbase_url: https://c.example/\nlevels: [L]\nteams: [T]\nlocations:\n  - name: Hall\n";

    #[test]
    fn contact_and_social_links_are_read_in_order() {
        let text = format!(
            "{START}organisation:\n  name: Council\n  contact:\n    email: jobs@c.example\n    phone: \"01234 567890\"\n    \
             address: Civic Centre, Kestrel Vale KV1 1AA\n  social:\n    - name: LinkedIn\n      url: https://www.linkedin.com/company/c\n    \
             - name: Instagram\n      url: https://www.instagram.com/c\n"
        );
        let site = parse_site(&text).unwrap();
        let contact = site.organisation.contact.unwrap();
        assert_eq!(contact.email.as_deref(), Some("jobs@c.example"));
        assert_eq!(contact.phone.as_deref(), Some("01234 567890"));
        assert_eq!(contact.address.as_deref(), Some("Civic Centre, Kestrel Vale KV1 1AA"));
        let names: Vec<_> = site.organisation.social.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["LinkedIn", "Instagram"]);
    }

    #[test]
    fn a_bad_email_and_a_social_link_that_is_not_a_web_address_are_named_at_their_lines() {
        let text = format!(
            "{START}organisation:\n  name: Council\n  contact:\n    email: jobs at c.example\n  social:\n    \
             - name: X\n      url: javascript:alert(1)\n"
        );
        let errors = parse_site(&text).unwrap_err();
        let said: Vec<_> = errors.iter().map(|d| (d.field.clone().unwrap_or_default(), d.line)).collect();
        assert!(said.contains(&("organisation.contact.email".to_string(), 10)), "{said:?}");
        assert!(said.contains(&("organisation.social[].url".to_string(), 13)), "{said:?}");
    }
}
