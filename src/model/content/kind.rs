//! The kinds of content, each named once: its folder under `content/` and its name in
//! `jobsite new` and `jobsite schema`. Every list of kinds (the folders read, the schemas, what a
//! file is parsed as, the addresses of files that failed) is made from [`Kind::ALL`].

/// One kind of content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Vacancy,
    Campaign,
    Story,
    Benefit,
    News,
    Event,
    /// A plain page: any markdown file directly under `content/`.
    Page,
}

impl Kind {
    /// Every kind, in the order folders are named to editors.
    pub const ALL: [Kind; 7] =
        [Kind::Vacancy, Kind::Campaign, Kind::Story, Kind::Benefit, Kind::News, Kind::Event, Kind::Page];

    /// Its folder under `content/`; none for a plain page, which lies directly under `content/`.
    pub const fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Vacancy => Some("jobs"),
            Kind::Campaign => Some("campaigns"),
            Kind::Story => Some("stories"),
            Kind::Benefit => Some("benefits"),
            Kind::News => Some("news"),
            Kind::Event => Some("events"),
            Kind::Page => None,
        }
    }

    /// Its name in `jobsite new` and `jobsite schema`.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Vacancy => "vacancy",
            Kind::Campaign => "campaign",
            Kind::Story => "story",
            Kind::Benefit => "benefit",
            Kind::News => "news",
            Kind::Event => "event",
            Kind::Page => "page",
        }
    }

    /// The kind whose folder is called `name`.
    pub fn of_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == Some(name))
    }

    /// The kind called `name` in `jobsite new` and `jobsite schema`.
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Every content folder's name.
    pub fn folders() -> impl Iterator<Item = &'static str> {
        Kind::ALL.into_iter().filter_map(Kind::folder)
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn each_kind_is_found_again_by_its_folder_and_its_name() {
        for kind in Kind::ALL {
            assert_eq!(Kind::named(kind.name()), Some(kind));
            if let Some(folder) = kind.folder() {
                assert_eq!(Kind::of_folder(folder), Some(kind));
            }
        }
        assert_eq!(Kind::folders().collect::<Vec<_>>(), ["jobs", "campaigns", "stories", "benefits", "news", "events"]);
    }

    #[test]
    fn every_content_folder_is_a_name_no_plain_page_may_take() {
        for folder in Kind::folders() {
            assert!(super::super::RESERVED_PAGE_STEMS.contains(&folder), "{folder}");
        }
    }
}
