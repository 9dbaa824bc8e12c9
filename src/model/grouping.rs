//! The ways of grouping vacancies: by facet (team, level, location, contract, and a portal's
//! council), each value with its members and counts, and the scopes a vacancy feed covers (all
//! vacancies, a team's, a level's). Where their pages live is `output/routes.rs`'s to say.

use crate::model::config::Site;
use crate::model::content::{Contract, Vacancy};

/// The ways of grouping vacancies, each with listing pages of its own (a portal's
/// councils are a facet too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Team,
    Level,
    Location,
    Contract,
    /// On a portal: the council a vacancy came from.
    Council,
}

impl Facet {
    /// How many kinds of facet there are (the last is `Council`).
    pub const COUNT: usize = Facet::Council as usize + 1;

    pub const ALL: [Facet; 4] = [Facet::Team, Facet::Level, Facet::Location, Facet::Contract];
    const WITH_COUNCILS: [Facet; 5] = [Facet::Council, Facet::Team, Facet::Level, Facet::Location, Facet::Contract];

    /// The facets of `site`: a portal's councils first, then the four every site has.
    pub fn of(site: &Site) -> &'static [Facet] {
        if site.portal.is_some() {
            &Facet::WITH_COUNCILS
        } else {
            &Facet::ALL
        }
    }

    /// "Team", for headings.
    pub fn label(self) -> &'static str {
        ["Team", "Level", "Location", "Contract", "Council"][self as usize]
    }

    /// Every value of this facet: (name, slug).
    pub fn values(self, site: &Site) -> Vec<(&str, String)> {
        match self {
            Facet::Team => site.teams.iter().map(|t| (t.name.as_str(), t.slug.clone())).collect(),
            Facet::Level => site.levels.iter().map(|t| (t.name.as_str(), t.slug.clone())).collect(),
            Facet::Location => site.locations.iter().map(|p| (p.name.as_str(), p.slug.clone())).collect(),
            Facet::Contract => Contract::ALL.iter().map(|c| (c.label(), c.name().to_string())).collect(),
            Facet::Council => {
                site.portal.iter().flat_map(|p| &p.sources).map(|s| (s.name.as_str(), s.slug.clone())).collect()
            }
        }
    }

    /// The vacancies of `list` with each value of this facet, in `list`'s order (a vacancy at
    /// several locations is in each).
    pub fn members<'a>(self, site: &Site, list: &[&'a Vacancy]) -> Vec<Vec<&'a Vacancy>> {
        let mut members = vec![Vec::new(); self.values(site).len()];
        for v in list {
            self.each_value_of(v, |i| members[i].push(*v));
        }
        members
    }

    /// How many vacancies of `list` have each value of this facet (what planning needs: the
    /// preview plans after every edit, and counting does not gather 10,000 references again).
    pub fn counts(self, site: &Site, list: &[&Vacancy]) -> Vec<usize> {
        let mut counts = vec![0; self.values(site).len()];
        for v in list {
            self.each_value_of(v, |i| counts[i] += 1);
        }
        counts
    }

    /// Calls `f` with the number of each value of this facet that vacancy `v` has.
    fn each_value_of(self, v: &Vacancy, mut f: impl FnMut(usize)) {
        match self {
            Facet::Team => f(v.team),
            Facet::Level => f(v.level),
            Facet::Contract => f(v.contract as usize),
            Facet::Location => v.locations.iter().for_each(|&i| f(i)),
            Facet::Council => {
                if let Some(s) = &v.source {
                    f(s.council)
                }
            }
        }
    }
}

/// Which vacancies a feed covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Team(usize),
    Level(usize),
}

impl Scope {
    pub fn includes(self, v: &Vacancy) -> bool {
        match self {
            Scope::All => true,
            Scope::Team(i) => v.team == i,
            Scope::Level(i) => v.level == i,
        }
    }

    /// "Fostering vacancies at Kestrel Vale Council".
    pub fn title(self, site: &Site) -> String {
        let org = &site.organisation.name;
        match self {
            Scope::All => format!("Vacancies at {org}"),
            Scope::Team(i) => format!("{} vacancies at {org}", site.teams[i].name),
            Scope::Level(i) => format!("{} vacancies at {org}", site.levels[i].name),
        }
    }

    /// Every feed scope of a site: all vacancies, then each team, then each level.
    pub fn all(site: &Site) -> impl Iterator<Item = Scope> {
        std::iter::once(Scope::All)
            .chain((0..site.teams.len()).map(Scope::Team))
            .chain((0..site.levels.len()).map(Scope::Level))
    }
}
