//! Widget settings, read from the host element's attributes with safe defaults. A bad value never
//! stops the widget: it becomes a warning and the default is used.

use super::lang::Lang;

/// A part of the widget a clinic can show or hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Learn,
    Diary,
    Summary,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Learn, Part::Diary, Part::Summary];

    pub fn id(self) -> &'static str {
        match self {
            Part::Learn => "learn",
            Part::Diary => "diary",
            Part::Summary => "summary",
        }
    }

    pub fn parse(id: &str) -> Option<Part> {
        Part::ALL
            .into_iter()
            .find(|p| p.id() == id.trim().to_ascii_lowercase())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub lang: Lang,
    /// Storage namespace, so that two widgets or clinics on one site keep separate data.
    pub namespace: String,
    pub clinic_name: Option<String>,
    /// The clinic's phone number as the clinic wrote it; `None` shows a marked placeholder.
    pub clinic_phone: Option<String>,
    /// The local emergency number as the clinic set it; when `None`, the language's default
    /// (`Lang::emergency_number`) is used, else "your local emergency number".
    pub emergency_number: Option<String>,
    /// The service to call when the clinic is closed, as "name, number" or a name ending in its
    /// number ("NHS 111"); when `None`, the language's default (`Lang::out_of_hours`), else
    /// "your out-of-hours service".
    pub out_of_hours: Option<String>,
    /// The parts shown, in order; never empty.
    pub parts: Vec<Part>,
    /// The part opened first; always one of `parts`.
    pub start: Part,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            lang: Lang::En,
            namespace: "default".into(),
            clinic_name: None,
            clinic_phone: None,
            emergency_number: None,
            out_of_hours: None,
            parts: Part::ALL.to_vec(),
            start: Part::Learn,
        }
    }
}

impl Settings {
    /// Reads settings through `attr` (an attribute lookup). `fallback_lang` is tried when the
    /// `lang` attribute is missing (e.g. the host page's or the browser's language).
    pub fn from_attributes(
        attr: impl Fn(&str) -> Option<String>,
        fallback_lang: &[String],
    ) -> (Settings, Vec<String>) {
        let mut settings = Settings::default();
        let mut warnings = Vec::new();
        match attr("lang") {
            Some(tag) => match Lang::from_tag(&tag) {
                Some(lang) => settings.lang = lang,
                None => warnings.push(format!(
                    "lang=\"{tag}\" is not a language this widget has; using English"
                )),
            },
            None => {
                if let Some(lang) = fallback_lang.iter().find_map(|t| Lang::from_tag(t)) {
                    settings.lang = lang;
                }
            }
        }
        if let Some(ns) = attr("storage-namespace") {
            if is_valid_namespace(&ns) {
                settings.namespace = ns;
            } else {
                warnings.push(format!(
                    "storage-namespace=\"{ns}\" must be 1-40 letters, digits or dashes; using \"default\""
                ));
            }
        }
        if let Some(name) = attr("clinic-name") {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 120 {
                warnings.push("clinic-name must be 1-120 characters; leaving it out".to_string());
            } else {
                settings.clinic_name = Some(name.to_string());
            }
        }
        for (attribute, slot) in [
            ("clinic-phone", &mut settings.clinic_phone),
            ("emergency-number", &mut settings.emergency_number),
        ] {
            if let Some(number) = attr(attribute) {
                if is_valid_phone(&number) {
                    *slot = Some(number.trim().to_string());
                } else {
                    warnings.push(format!(
                        "{attribute}=\"{number}\" is not a phone number (digits, spaces, + - ( ) .); leaving it out"
                    ));
                }
            }
        }
        if let Some(service) = attr("out-of-hours") {
            if tel_uri(&service).is_some() && service.trim().chars().count() <= 80 {
                settings.out_of_hours = Some(service.trim().to_string());
            } else {
                warnings.push(format!(
                    "out-of-hours=\"{service}\" must be a name and a phone number, such as \"NHS 111\" or \"SNS 24, 808 24 24 24\" (at most 80 characters); using the default"
                ));
            }
        }
        if let Some(list) = attr("parts") {
            let mut parts = Vec::new();
            for word in list.split([' ', ',']).filter(|w| !w.trim().is_empty()) {
                match Part::parse(word) {
                    Some(p) if !parts.contains(&p) => parts.push(p),
                    Some(_) => {}
                    None => warnings.push(format!(
                        "parts: \"{word}\" is not learn, diary or summary; ignored"
                    )),
                }
            }
            if parts.is_empty() {
                warnings.push("parts names no part; showing all".to_string());
            } else {
                settings.parts = parts;
            }
        }
        settings.start = settings.parts[0];
        if let Some(open) = attr("open") {
            match Part::parse(&open).filter(|p| settings.parts.contains(p)) {
                Some(p) => settings.start = p,
                None => warnings.push(format!(
                    "open=\"{open}\" is not one of the parts shown; opening {}",
                    settings.start.id()
                )),
            }
        }
        (settings, warnings)
    }
}

/// A number the widget may tell the patient to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contact {
    Emergency,
    Clinic,
    OutOfHours,
}

impl Settings {
    /// The number as set (or as the language's default filled it in), if any.
    pub fn contact(&self, c: Contact) -> Option<&str> {
        match c {
            Contact::Emergency => self.emergency_number.as_deref(),
            Contact::Clinic => self.clinic_phone.as_deref(),
            Contact::OutOfHours => self.out_of_hours.as_deref(),
        }
    }

    /// The settings the whole widget opens with when the guide alone hands over to it: the part
    /// the patient chose (if the clinic shows it) and the language on screen. Anything unknown
    /// leaves the setting as it was.
    pub fn handed_over(mut self, part: Option<&str>, lang: Option<&str>) -> Settings {
        if let Some(part) = part
            .and_then(Part::parse)
            .filter(|p| self.parts.contains(p))
        {
            self.start = part;
        }
        if let Some(lang) = lang.and_then(Lang::from_tag) {
            self.lang = lang;
        }
        self
    }

    /// Fills the numbers the clinic left unset with the language's defaults (112 and SNS 24 in
    /// pt-PT); English has none, since it is spoken in many countries.
    pub fn with_defaults(mut self) -> Settings {
        let lang = self.lang;
        self.emergency_number = self
            .emergency_number
            .or_else(|| lang.emergency_number().map(str::to_string));
        self.out_of_hours = self
            .out_of_hours
            .or_else(|| lang.out_of_hours().map(str::to_string));
        self
    }
}

/// The `tel:` link for a number as a clinic wrote it: a bare number ("+44 20 7946 0000"), a
/// service with its number after a comma ("SNS 24, 808 24 24 24"), or a name ending in its
/// number ("NHS 111"). `None` when no valid number can be found.
pub fn tel_uri(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return None;
    }
    let number = match text.rsplit_once(',') {
        Some((_, number)) => number,
        None => {
            // The trailing run of phone characters; a leading "+" belongs to the number.
            let start = text
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || " +-().".contains(*c))
                .last()
                .map_or(text.len(), |(i, _)| i);
            &text[start..]
        }
    };
    if !is_valid_phone(number) {
        return None;
    }
    let dial: String = number
        .trim()
        .chars()
        .enumerate()
        .filter(|&(i, c)| c.is_ascii_digit() || (c == '+' && i == 0))
        .map(|(_, c)| c)
        .collect();
    Some(format!("tel:{dial}"))
}

fn is_valid_phone(number: &str) -> bool {
    let number = number.trim();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    (2..=20).contains(&digits)
        && number.len() <= 30
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

fn is_valid_namespace(ns: &str) -> bool {
    (1..=40).contains(&ns.len()) && ns.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn tel_links_take_the_number_part() {
        assert_eq!(
            tel_uri("+44 (0)20 7946-0000").as_deref(),
            Some("tel:+4402079460000")
        );
        assert_eq!(
            tel_uri("SNS 24, 808 24 24 24").as_deref(),
            Some("tel:808242424")
        );
        assert_eq!(tel_uri("NHS 111").as_deref(), Some("tel:111"));
        assert_eq!(tel_uri("112").as_deref(), Some("tel:112"));
        assert_eq!(
            tel_uri("Out-of-hours doctor, +351 21 000 0000").as_deref(),
            Some("tel:+351210000000")
        );
        for bad in ["", "NHS", "call us, any time", "Line, 1", "x\u{7}, 112"] {
            assert_eq!(tel_uri(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn language_defaults_fill_only_what_the_clinic_left_unset() {
        let pt = Settings {
            lang: Lang::PtPt,
            ..Settings::default()
        }
        .with_defaults();
        assert_eq!(pt.contact(Contact::Emergency), Some("112"));
        assert_eq!(
            pt.contact(Contact::OutOfHours),
            Some("SNS 24, 808 24 24 24")
        );
        assert_eq!(pt.contact(Contact::Clinic), None);
        let en = Settings::default().with_defaults();
        assert_eq!(
            (
                en.contact(Contact::Emergency),
                en.contact(Contact::OutOfHours)
            ),
            (None, None)
        );
        let set = Settings {
            lang: Lang::PtPt,
            out_of_hours: Some("Linha, 800 000 000".into()),
            emergency_number: Some("999".into()),
            ..Settings::default()
        }
        .with_defaults();
        assert_eq!(set.contact(Contact::OutOfHours), Some("Linha, 800 000 000"));
        assert_eq!(set.contact(Contact::Emergency), Some("999"));
    }

    #[test]
    fn out_of_hours_is_read_and_bad_values_fall_back() {
        let (s, w) = Settings::from_attributes(attrs(&[("out-of-hours", " NHS 111 ")]), &[]);
        assert_eq!(s.out_of_hours.as_deref(), Some("NHS 111"));
        assert!(w.is_empty());
        let long = format!("{}, 111", "x".repeat(80));
        for bad in ["after hours", long.as_str(), "Service, <b>"] {
            let (s, w) = Settings::from_attributes(attrs(&[("out-of-hours", bad)]), &[]);
            assert_eq!(s.out_of_hours, None, "{bad:?}");
            assert_eq!(w.len(), 1, "{bad:?}");
            assert!(w[0].contains("out-of-hours"));
        }
    }

    #[test]
    fn no_attributes_give_the_defaults_without_warnings() {
        let (s, w) = Settings::from_attributes(attrs(&[]), &[]);
        assert_eq!(s, Settings::default());
        assert!(w.is_empty());
    }

    #[test]
    fn good_attributes_are_used() {
        let (s, w) = Settings::from_attributes(
            attrs(&[("lang", "en-GB"), ("storage-namespace", "clinic-2")]),
            &[],
        );
        assert_eq!((s.lang, s.namespace.as_str()), (Lang::En, "clinic-2"));
        assert!(w.is_empty());
    }

    #[test]
    fn clinic_contact_details_are_read_and_checked() {
        let (s, w) = Settings::from_attributes(
            attrs(&[
                ("clinic-name", " Riverside Clinic "),
                ("clinic-phone", "+44 (0)20 7946-0000"),
                ("emergency-number", "112"),
            ]),
            &[],
        );
        assert_eq!(s.clinic_name.as_deref(), Some("Riverside Clinic"));
        assert_eq!(s.clinic_phone.as_deref(), Some("+44 (0)20 7946-0000"));
        assert_eq!(s.emergency_number.as_deref(), Some("112"));
        assert!(w.is_empty());
        let (s, w) = Settings::from_attributes(
            attrs(&[
                ("clinic-name", " "),
                ("clinic-phone", "call us!"),
                ("emergency-number", "9"),
            ]),
            &[],
        );
        assert_eq!(
            (s.clinic_name, s.clinic_phone, s.emergency_number),
            (None, None, None)
        );
        assert_eq!(w.len(), 3);
    }

    #[test]
    fn parts_and_the_first_part_are_read_with_fallbacks() {
        let (s, w) = Settings::from_attributes(
            attrs(&[("parts", "diary, summary"), ("open", "summary")]),
            &[],
        );
        assert_eq!(
            (s.parts.clone(), s.start),
            (vec![Part::Diary, Part::Summary], Part::Summary)
        );
        assert!(w.is_empty());
        let (s, w) = Settings::from_attributes(
            attrs(&[("parts", "diary bogus diary"), ("open", "learn")]),
            &[],
        );
        assert_eq!((s.parts.clone(), s.start), (vec![Part::Diary], Part::Diary));
        assert_eq!(w.len(), 2, "{w:?}");
        let (s, w) = Settings::from_attributes(attrs(&[("parts", " , ")]), &[]);
        assert_eq!(s.parts, Part::ALL.to_vec());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn bad_values_warn_and_fall_back() {
        let (s, w) = Settings::from_attributes(
            attrs(&[("lang", "klingon"), ("storage-namespace", "a.b/c")]),
            &[],
        );
        assert_eq!(s, Settings::default());
        assert_eq!(w.len(), 2);
        assert!(w[0].contains("klingon") && w[1].contains("a.b/c"));
    }

    #[test]
    fn a_handover_opens_at_the_part_and_in_the_language_chosen() {
        let s = Settings::default().handed_over(Some("diary"), Some("pt-PT"));
        assert_eq!((s.start, s.lang), (Part::Diary, Lang::PtPt));
        // Nothing asked, or nothing known: as the attributes said.
        assert_eq!(
            Settings::default().handed_over(None, None),
            Settings::default()
        );
        let s = Settings::default().handed_over(Some("nonsense"), Some("fr"));
        assert_eq!(s, Settings::default());
        // A part the clinic does not show is never opened.
        let clinic = Settings {
            parts: vec![Part::Learn, Part::Diary],
            ..Settings::default()
        };
        assert_eq!(
            clinic.clone().handed_over(Some("summary"), None).start,
            Part::Learn
        );
        assert_eq!(clinic.handed_over(Some("DIARY"), None).start, Part::Diary);
    }
}
