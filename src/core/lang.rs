//! The languages the widget speaks.

/// A language the widget has content and UI strings for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    /// European Portuguese (Portugal).
    PtPt,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::PtPt];

    /// The BCP 47 tag used in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtPt => "pt-PT",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::PtPt => "Português",
        }
    }

    /// The emergency number to show when the clinic sets none; `None` where it varies (English
    /// is used in many countries, so it says "your local emergency number").
    pub fn emergency_number(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::PtPt => Some("112"),
        }
    }

    /// The out-of-hours service to show when the clinic sets none; `None` where it varies
    /// (English: "your out-of-hours service"; UK clinics set "NHS 111").
    pub fn out_of_hours(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::PtPt => Some("SNS 24, 808 24 24 24"),
        }
    }

    /// The patient groups to name when the clinic sets none, as "name, web address": in
    /// Portugal's language, two national ones; none in English, which is spoken in many
    /// countries (UK clinics set theirs, see the README).
    pub fn support_groups(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => &[],
            Lang::PtPt => &[
                (
                    "Liga Portuguesa Contra as Doenças Reumáticas",
                    "lpcdr.org.pt",
                ),
                ("Associação de Doentes com Lúpus", "lupus.pt"),
            ],
        }
    }

    /// Reads a language tag such as `en`, `en-GB`; `None` for a language we do not have.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            // Only European Portuguese is written; Brazilian readers get it rather than English.
            "pt" => Some(Lang::PtPt),
            _ => None,
        }
    }

    /// The clinic's language as far as its numbers go: like `from_tag`, but Portugal's numbers
    /// only for a tag that names Portugal ("pt-PT"). Plain "pt" is the language alone, spoken in
    /// many countries, and "pt-BR" or "pt-AO" is another country: neither gives defaults (FACTS:
    /// the widget never guesses a country's number from the language alone).
    pub fn of_clinic(tag: &str) -> Option<Lang> {
        let lang = Lang::from_tag(tag)?;
        let region = tag.trim().split(['-', '_']).nth(1);
        match (lang, region) {
            (Lang::PtPt, Some(r)) if r.eq_ignore_ascii_case("pt") => Some(lang),
            (Lang::PtPt, _) => None,
            _ => Some(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regions_are_accepted() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag(" EN_us "), Some(Lang::En));
        assert_eq!(Lang::from_tag("pt"), Some(Lang::PtPt));
        assert_eq!(Lang::from_tag("pt_PT"), Some(Lang::PtPt));
        assert_eq!(Lang::PtPt.emergency_number(), Some("112"));
        assert_eq!(Lang::PtPt.out_of_hours(), Some("SNS 24, 808 24 24 24"));
        assert_eq!(Lang::En.out_of_hours(), None);
        assert_eq!(Lang::from_tag("xx"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
