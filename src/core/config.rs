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
    /// The language the clinic chose: its `lang` attribute, else its page's `lang`. The default
    /// numbers follow this one only, never the patient's switch or the browser's language
    /// (FACTS.md: never guess a country's number from the language alone).
    pub clinic_lang: Option<Lang>,
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
    /// The patient groups the self-care step names, each with its web address; when `None`,
    /// the language's default (`Lang::support_groups`); empty names none ("none").
    pub support_groups: Option<Vec<Group>>,
    /// The parts shown, in order; never empty.
    pub parts: Vec<Part>,
    /// The part opened first; always one of `parts`.
    pub start: Part,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            lang: Lang::En,
            clinic_lang: None,
            namespace: "default".into(),
            clinic_name: None,
            clinic_phone: None,
            emergency_number: None,
            out_of_hours: None,
            support_groups: None,
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
        // A blank `lang` (a CMS template whose field was left empty) is no language asked for:
        // the page's, as the loader takes it too.
        match attr("lang").filter(|tag| !tag.trim().is_empty()) {
            Some(tag) => match Lang::from_tag(&tag) {
                Some(lang) => {
                    settings.lang = lang;
                    settings.clinic_lang = Lang::of_clinic(&tag);
                }
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
            if name.is_empty() {
                warnings.push("clinic-name is empty; leaving it out".to_string());
            } else if name.chars().count() > CLINIC_NAME_MAX {
                // Cut short, not left out: a patient still sees whose guide it is, on screen and
                // on the printout (it was left out whole, with a word only in the console).
                let cut: String = name.chars().take(CLINIC_NAME_MAX - 1).collect();
                settings.clinic_name = Some(format!("{}…", cut.trim_end()));
                warnings.push(format!(
                    "clinic-name is longer than {CLINIC_NAME_MAX} characters; cut short"
                ));
            } else {
                settings.clinic_name = Some(name.to_string());
            }
        }
        // The clinic's number may say what to dial once it answers ("ext. 5").
        for (attribute, slot, then) in [
            ("clinic-phone", &mut settings.clinic_phone, true),
            ("emergency-number", &mut settings.emergency_number, false),
        ] {
            if let Some(number) = attr(attribute).map(|n| plain_spacing(&n)) {
                let dialled = if then {
                    split_extension(&number).0
                } else {
                    &number
                };
                if is_valid_phone(dialled) {
                    *slot = Some(number.trim().to_string());
                } else {
                    warnings.push(format!(
                        "{attribute}=\"{number}\" is not a phone number (digits, spaces, + - ( ) .; the clinic's may end \"ext. 5\" or \"(option 2)\"); leaving it out"
                    ));
                }
            }
        }
        if let Some(service) = attr("out-of-hours").map(|n| plain_spacing(&n)) {
            // Portugal's service by its name alone, or with its own number however written
            // without a comma, is its known number (`Lang::out_of_hours`).
            let name: String = service
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            let sns = ["sns24", "sns24808242424"]
                .iter()
                .any(|n| name.eq_ignore_ascii_case(n));
            if sns && !service.contains(',') {
                settings.out_of_hours = Lang::PtPt.out_of_hours().map(str::to_string);
            } else if tel_uri(&service).is_some() && service.trim().chars().count() <= 80 {
                settings.out_of_hours = Some(service.trim().to_string());
            } else {
                warnings.push(format!(
                    "out-of-hours=\"{service}\" is not a name and a number it can dial: write \"name, number\", such as \"SNS 24, 808 24 24 24\" (at most 80 characters); using the default"
                ));
            }
        }
        if let Some(list) = attr("support-groups") {
            match Group::parse_list(&list) {
                Some(groups) => settings.support_groups = Some(groups),
                None => warnings.push(format!(
                    "support-groups=\"{list}\" must be \"none\" or 1-6 groups as \"name, web address\" separated by \";\", such as \"SRUK, sruk.co.uk\"; using the default"
                )),
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

/// A service the guide tells the patient about next to its number (FACTS.md, "Out-of-hours help
/// and emergency numbers"). Known by the number the clinic set, never guessed from the language
/// (English is read in many countries; a Portuguese-speaking patient may live in England).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownService {
    /// 112 as the emergency number: free across the EU.
    Eu112,
    /// England's NHS 111 as the out-of-hours service: free, 24 hours; call, not online.
    Nhs111,
    /// Portugal's SNS 24 (808 24 24 24) as the out-of-hours service: 24 hours, nurses advise.
    Sns24,
}

impl Settings {
    /// The known services among `shown` numbers, in the order of `shown`.
    pub fn known_services(&self, shown: &[Contact]) -> Vec<KnownService> {
        shown
            .iter()
            .filter_map(|&c| {
                let text = self.contact(c)?;
                let dial = tel_uri(text)?;
                match (c, dial.as_str()) {
                    (Contact::Emergency, "tel:112") => Some(KnownService::Eu112),
                    (Contact::OutOfHours, "tel:808242424") => Some(KnownService::Sns24),
                    // 111 is other services' number elsewhere (Scotland's NHS 24, New Zealand's
                    // emergency line): only "NHS 111" by name.
                    (Contact::OutOfHours, "tel:111") => {
                        let text = text.trim_start();
                        let nhs = text.get(..3).is_some_and(|n| n.eq_ignore_ascii_case("nhs"));
                        let then = text.get(3..).unwrap_or_default().trim_start();
                        (nhs && then.starts_with("111")).then_some(KnownService::Nhs111)
                    }
                    _ => None,
                }
            })
            .collect()
    }

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

    /// Takes the host page's `lang` as the clinic's language when the widget has no `lang`
    /// attribute (the browser's language is the patient's, not the clinic's).
    pub fn page_lang(mut self, tag: Option<&str>) -> Settings {
        self.clinic_lang = self.clinic_lang.or_else(|| tag.and_then(Lang::of_clinic));
        self
    }

    /// Fills the numbers the clinic left unset with the defaults of the clinic's language (112
    /// and SNS 24 for pt-PT), whatever language the patient reads in; English has none, since it
    /// is spoken in many countries. The patient groups are the clinic's country's in the same way.
    pub fn with_defaults(mut self) -> Settings {
        let clinic = self.clinic_lang;
        self.emergency_number = self
            .emergency_number
            .or_else(|| clinic.and_then(Lang::emergency_number).map(str::to_string));
        self.out_of_hours = self
            .out_of_hours
            .or_else(|| clinic.and_then(Lang::out_of_hours).map(str::to_string));
        // Groups are national, like the numbers: the clinic's country's, whatever the patient
        // reads in.
        self.support_groups = self.support_groups.or_else(|| {
            Some(
                clinic
                    .map_or(&[][..], Lang::support_groups)
                    .iter()
                    .map(|&(name, address)| Group {
                        name: name.into(),
                        address: address.into(),
                    })
                    .collect(),
            )
        });
        self
    }

    /// The patient groups to show (after `with_defaults`; empty before it or when none).
    pub fn groups(&self) -> &[Group] {
        self.support_groups.as_deref().unwrap_or_default()
    }
}

/// A patient group: its name, and its web address as the clinic wrote it ("sruk.co.uk" or
/// "https://www.sruk.co.uk/support").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub address: String,
}

impl Group {
    /// Reads "none", or 1-6 entries "name, web address" separated by ";"; `None` when any entry
    /// is not one (the clinic is told, and the default stays).
    pub fn parse_list(list: &str) -> Option<Vec<Group>> {
        let list = list.trim();
        if list.eq_ignore_ascii_case("none") {
            return Some(Vec::new());
        }
        let mut groups = Vec::new();
        for entry in list.split(';') {
            if entry.trim().is_empty() {
                continue;
            }
            let (name, address) = entry.rsplit_once(',')?;
            let (name, address) = (name.trim(), address.trim());
            let name_ok = !name.is_empty()
                && name.len() <= 160
                && !name.bytes().any(|c| c < b' ' || c == 0x7f);
            if !name_ok || !is_web_address(address) || groups.len() == 6 {
                return None;
            }
            groups.push(Group {
                name: name.into(),
                address: address.into(),
            });
        }
        (!groups.is_empty()).then_some(groups)
    }

    /// The address without "https://" or "http://": as a patient reads it, and the link's target
    /// after "https://" (a clinic's "http://" becomes https too).
    pub fn shown_address(&self) -> &str {
        let a = self.address.as_str();
        a.strip_prefix("https://")
            .or_else(|| a.strip_prefix("http://"))
            .unwrap_or(a)
    }
}

/// A web address a clinic may give: an optional http(s) scheme, a host name of two or more
/// labels (letters, digits, inner dashes; the last letters only), then an optional path of URL
/// characters (no spaces, quotes or angle brackets); at most 200 bytes. Nothing that could run
/// (no other scheme).
fn is_web_address(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text)
        .as_bytes();
    let end = rest
        .iter()
        .position(|c| b"/?#".contains(c))
        .unwrap_or(rest.len());
    let (host, path) = rest.split_at(end);
    let mut labels = 0;
    for label in host.split(|&c| c == b'.') {
        labels += 1;
        let inner = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-';
        if label.first().is_none_or(|&c| c == b'-')
            || label.last() == Some(&b'-')
            || !label.iter().all(inner)
        {
            return false;
        }
    }
    let tld = host.rsplit(|&c| c == b'.').next().unwrap_or_default();
    text.len() <= 200
        && labels >= 2
        && tld.iter().all(u8::is_ascii_alphabetic)
        && path
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"-._~/?#@!$&()*+=%:".contains(c))
}

/// The `tel:` link for a number as a clinic wrote it: a bare number ("+44 20 7946 0000"), a
/// service with its number after a comma ("SNS 24, 808 24 24 24"), or a name ending in its
/// number ("NHS 111"). `None` when no valid number can be found.
pub fn tel_uri(text: &str) -> Option<String> {
    tel_uri_then(text, None)
}

/// `tel_uri` of the clinic's number, which may end with what to dial once it answers ("ext. 5",
/// `split_extension`): dialled after a pause (","). Only the clinic's: a service's number with
/// an option would no longer be known as NHS 111 or SNS 24, nor is one documented.
pub fn clinic_tel_uri(text: &str) -> Option<String> {
    let (number, then) = split_extension(text);
    tel_uri_then(number, then)
}

fn tel_uri_then(text: &str, then: Option<&str>) -> Option<String> {
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
            // After a name, one or two digits first are the name's own ("SNS 24", Scotland's
            // "NHS 24"), or cannot be told from it ("SNS 24 808 24 24 24" would dial
            // 24808242424; "Linha 21 000 0000" may be Lisbon's 21): refused, and the clinic is
            // told to write "name, number". No service's short number after its name is shorter
            // than three ("NHS 111"). Before, "SNS 24" dialled 24.
            let run = &text[start..];
            let mut groups = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|g| !g.is_empty());
            let first = groups.next().unwrap_or_default();
            let digits = run.chars().filter(char::is_ascii_digit).count();
            // Told apart: a "+", a "(" or a leading 0 start a number ("+44 20 ...", "(21) ...",
            // "01 47 ..."), never a name's own digits.
            let numbered = run.trim_start().starts_with(['+', '(']) || first.starts_with('0');
            let ambiguous = first.len() < 3 && !numbered && groups.next().is_some();
            if start > 0 && (digits < 3 || ambiguous) {
                return None;
            }
            run
        }
    };
    if !is_valid_phone(number) {
        return None;
    }
    // "+44 (0)20 ...": the "(0)" is the prefix dialled from inside the country only; with the
    // country code it must go, or the call reaches no one ("+44 0 20..." is not a number).
    let number = number.trim();
    let number = if number.starts_with('+') {
        number.replace("(0)", "")
    } else {
        number.to_string()
    };
    let mut uri = String::from("tel:");
    uri.extend(
        number
            .chars()
            .enumerate()
            .filter(|&(i, c)| c.is_ascii_digit() || (c == '+' && i == 0))
            .map(|(_, c)| c),
    );
    if let Some(then) = then {
        uri.push(',');
        uri.push_str(then);
    }
    Some(uri)
}

/// Words that say what to dial once a call is answered, before its digits: an extension ("ext.
/// 5", "x5", "extensão 5") or a menu's option ("(option 2)", "opção 2").
const THEN_WORDS: [&str; 9] = [
    "ext",
    "extension",
    "x",
    "extensão",
    "extensao",
    "ramal",
    "option",
    "opção",
    "opcao",
];

/// A number and what to dial once it answers, as a clinic may write its own: "+351 21 000 0000
/// ext. 5" is "+351 21 000 0000" then 5, as is "+351 21 000 0000 (option 5)". Anything else is
/// the number alone. Before, such a number was refused whole, and patients were told the
/// clinic's number was not set up here.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    // Read back from the end, a byte at a time: each stop is at an ASCII byte, so at a character
    // boundary (a few loops cost the download less than the searches of `str`).
    let text = text.trim();
    let b = text.as_bytes();
    let mut end = b.len();
    let closed = b.last() == Some(&b')');
    if closed {
        end -= 1;
        while end > 0 && b[end - 1] == b' ' {
            end -= 1;
        }
    }
    let digits_end = end;
    while end > 0 && b[end - 1].is_ascii_digit() {
        end -= 1;
    }
    let then = &text[end..digits_end];
    if then.is_empty() || then.len() > 6 {
        return (text, None);
    }
    while end > 0 && matches!(b[end - 1], b' ' | b':' | b'.') {
        end -= 1;
    }
    let word_end = end;
    while end > 0 && !matches!(b[end - 1], b' ' | b'(') {
        end -= 1;
    }
    // "x5": its digits came off, leaving the "x". (ASCII case only: Unicode's case tables would
    // add some 5 KB to the download.)
    let word = &text[end..word_end];
    if !THEN_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return (text, None);
    }
    let opened = end > 0 && b[end - 1] == b'(';
    if opened != closed {
        return (text, None);
    }
    (text[..end - usize::from(opened)].trim_end(), Some(then))
}

/// A number as a web editor types it, with the spaces and dashes a phone number is read with: a
/// no-break, narrow or thin space (what a CMS puts between groups so that a number never
/// breaks over two lines, often unseen in its editor) as a space, and an en dash, a minus or a
/// no-break hyphen as "-". Before, "+351 21 123 4567" with no-break spaces was refused, and the
/// patient was told the clinic's number was not set up.
fn plain_spacing(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' => ' ',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// The longest clinic name shown; a longer one is cut short to it.
const CLINIC_NAME_MAX: usize = 120;

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
            Some("tel:+442079460000")
        );
        // The trunk "(0)" goes only after a country code: within the country it is dialled.
        assert_eq!(
            tel_uri("+44 (0) 20 7946 0000").as_deref(),
            Some("tel:+442079460000")
        );
        assert_eq!(
            tel_uri("(0)20 7946 0000").as_deref(),
            Some("tel:02079460000")
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

    /// Found by the embed review: a clinic's number with an extension or a menu option was
    /// refused whole, and every "call your clinic" said the number was not set up here.
    #[test]
    fn a_clinics_number_may_say_what_to_dial_once_it_answers() {
        for (typed, dial) in [
            ("+351 21 000 0000 ext. 5", "tel:+351210000000,5"),
            ("+351 21 000 0000 ext 5", "tel:+351210000000,5"),
            ("+351 21 000 0000 Ext.5", "tel:+351210000000,5"),
            ("020 7946 0000 x123", "tel:02079460000,123"),
            ("020 7946 0000 extension 12", "tel:02079460000,12"),
            ("+351 21 000 0000 (option 2)", "tel:+351210000000,2"),
            ("+351 21 000 0000 (opção 2)", "tel:+351210000000,2"),
            ("21 000 0000 extensão: 45", "tel:210000000,45"),
            ("+44 20 7946 0000", "tel:+442079460000"),
        ] {
            let (s, w) = Settings::from_attributes(attrs(&[("clinic-phone", typed)]), &[]);
            assert_eq!(s.clinic_phone.as_deref(), Some(typed), "shown as written");
            assert!(w.is_empty(), "{typed:?}: {w:?}");
            assert_eq!(clinic_tel_uri(typed).as_deref(), Some(dial), "{typed:?}");
        }
        // Not an extension: refused as before, or the number alone.
        for bad in [
            "+351 21 000 0000 ext.",
            "+351 21 000 0000 ext 1234567",
            "+351 21 000 0000 call 5",
            "+351 21 000 0000 option 2)",
            "ext 5",
        ] {
            let (s, w) = Settings::from_attributes(attrs(&[("clinic-phone", bad)]), &[]);
            assert_eq!(s.clinic_phone, None, "{bad:?}");
            assert_eq!(w.len(), 1, "{bad:?}");
        }
        // Only the clinic's: an emergency number or a service has none (the review: "NHS 111
        // (option 2)" was taken, and was no longer known as NHS 111).
        let (s, _) = Settings::from_attributes(attrs(&[("emergency-number", "112 ext 5")]), &[]);
        assert_eq!(s.emergency_number, None);
        for service in ["NHS 111 (option 2)", "SNS 24, 808 24 24 24 (opção 1)"] {
            let (s, w) = Settings::from_attributes(attrs(&[("out-of-hours", service)]), &[]);
            assert_eq!((s.out_of_hours, w.len()), (None, 1), "{service:?}");
            assert_eq!(tel_uri(service), None);
        }
    }

    #[test]
    fn the_numbers_follow_the_clinics_language_never_the_patients_or_the_browsers() {
        // A UK page, English widget: a patient who switches to Portuguese is not sent to SNS 24.
        let (uk, _) = Settings::from_attributes(attrs(&[("lang", "en")]), &[]);
        let switched = Settings {
            lang: Lang::PtPt,
            ..uk
        }
        .with_defaults();
        assert_eq!(
            (
                switched.contact(Contact::Emergency),
                switched.contact(Contact::OutOfHours)
            ),
            (None, None)
        );
        // A Portuguese clinic: 112 and SNS 24 stay when the patient reads in English.
        let (pt, _) = Settings::from_attributes(attrs(&[("lang", "pt-PT")]), &[]);
        let read_in_english = Settings {
            lang: Lang::En,
            ..pt
        }
        .with_defaults();
        assert_eq!(read_in_english.contact(Contact::Emergency), Some("112"));
        // No attribute: the page's language is the clinic's; the browser's is not.
        let (none, _) = Settings::from_attributes(attrs(&[]), &["pt-PT".into()]);
        assert_eq!(none.lang, Lang::PtPt, "the widget still reads in it");
        assert_eq!(
            none.clone().with_defaults().contact(Contact::Emergency),
            None
        );
        let page = none.page_lang(Some("pt-PT")).with_defaults();
        assert_eq!(page.contact(Contact::Emergency), Some("112"));
        // A page in English keeps an English attribute's choice: no numbers.
        let (en, _) = Settings::from_attributes(attrs(&[("lang", "en")]), &[]);
        assert_eq!(en.page_lang(Some("pt-PT")).clinic_lang, Some(Lang::En));
        // Portuguese for another country, or with no country, reads in European Portuguese,
        // with no Portugal numbers: the language alone does not say the country.
        for tag in ["pt-BR", "pt_AO", "PT-mz", "pt", " PT "] {
            let (s, _) = Settings::from_attributes(attrs(&[("lang", tag)]), &[]);
            assert_eq!(s.lang, Lang::PtPt, "{tag}");
            let s = s.with_defaults();
            let numbers = (
                s.contact(Contact::Emergency),
                s.contact(Contact::OutOfHours),
            );
            assert_eq!(numbers, (None, None), "{tag}");
            let (none, _) = Settings::from_attributes(attrs(&[]), &[]);
            assert_eq!(none.page_lang(Some(tag)).clinic_lang, None, "{tag}");
        }
        for tag in ["pt-PT", "PT_pt"] {
            let (s, _) = Settings::from_attributes(attrs(&[("lang", tag)]), &[]);
            assert_eq!(
                s.with_defaults().contact(Contact::Emergency),
                Some("112"),
                "{tag}"
            );
        }
    }

    #[test]
    fn known_services_are_told_by_the_number_set_never_by_the_language() {
        let all = [Contact::Emergency, Contact::Clinic, Contact::OutOfHours];
        let with = |emergency: Option<&str>, out_of_hours: Option<&str>, lang| Settings {
            lang,
            emergency_number: emergency.map(Into::into),
            out_of_hours: out_of_hours.map(Into::into),
            clinic_phone: Some("+351 21 000 0000".into()),
            ..Settings::default()
        };
        // A Portuguese clinic's defaults, read in either language.
        let (pt, _) = Settings::from_attributes(attrs(&[("lang", "pt-PT")]), &[]);
        for lang in [Lang::PtPt, Lang::En] {
            let s = Settings { lang, ..pt.clone() }.with_defaults();
            assert_eq!(
                s.known_services(&all),
                vec![KnownService::Eu112, KnownService::Sns24]
            );
        }
        // Only the numbers shown are told about.
        let s = pt.clone().with_defaults();
        assert_eq!(
            s.known_services(&[Contact::OutOfHours]),
            vec![KnownService::Sns24]
        );
        // England, however the clinic wrote it, in either language.
        for ooh in ["NHS 111", "nhs111", " NHS  111 ", "NHS 111, 111"] {
            for lang in [Lang::En, Lang::PtPt] {
                let s = with(Some("999"), Some(ooh), lang);
                assert_eq!(s.known_services(&all), vec![KnownService::Nhs111], "{ooh}");
            }
        }
        // 111 under another name is another service; 112 as an out-of-hours line, or SNS 24's
        // number as the emergency number, is not what the facts are about; English alone says
        // nothing.
        for (emergency, ooh) in [
            (Some("999"), Some("NHS 24, 111")),
            (Some("111"), Some("Healthline, 0800 611 116")),
            (None, Some("112")),
            (Some("808 24 24 24"), None),
            (None, None),
        ] {
            let s = with(emergency, ooh, Lang::En).with_defaults();
            assert_eq!(s.known_services(&all), vec![], "{emergency:?} {ooh:?}");
        }
        let s = with(Some("112"), Some("Linha, 800 000 000"), Lang::En);
        assert_eq!(s.known_services(&all), vec![KnownService::Eu112]);
    }

    #[test]
    fn language_defaults_fill_only_what_the_clinic_left_unset() {
        let pt = Settings {
            lang: Lang::PtPt,
            clinic_lang: Some(Lang::PtPt),
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
            clinic_lang: Some(Lang::PtPt),
            out_of_hours: Some("Linha, 800 000 000".into()),
            emergency_number: Some("999".into()),
            ..Settings::default()
        }
        .with_defaults();
        assert_eq!(set.contact(Contact::OutOfHours), Some("Linha, 800 000 000"));
        assert_eq!(set.contact(Contact::Emergency), Some("999"));
    }

    #[test]
    fn a_name_ending_in_two_digits_is_never_dialled_as_them() {
        // A Portuguese clinic writes its out-of-hours line as the README's "NHS 111" is written:
        // "SNS 24" dialled 24. Now its known number; Scotland's "NHS 24" is refused and told.
        for sns in [
            "SNS 24",
            "sns24",
            " SNS  24 ",
            "SNS\u{a0}24",
            "SNS 24 808 24 24 24",
            "SNS24 808242424",
            "SNS 24 (808 24 24 24)",
            "SNS 24 - 808 24 24 24",
        ] {
            let (s, w) = Settings::from_attributes(attrs(&[("out-of-hours", sns)]), &[]);
            assert_eq!(
                s.out_of_hours.as_deref(),
                Some("SNS 24, 808 24 24 24"),
                "{sns:?}"
            );
            assert!(w.is_empty(), "{sns:?}");
            let s = s.with_defaults();
            let dial = tel_uri(s.contact(Contact::OutOfHours).unwrap());
            assert_eq!(dial.as_deref(), Some("tel:808242424"));
            assert_eq!(
                s.known_services(&[Contact::OutOfHours]),
                vec![KnownService::Sns24]
            );
        }
        // Found by the third review: a stop or a dash after the name's digits let them through.
        for name in [
            "NHS 24.",
            "NHS-24",
            "NHS (24)",
            "NHS 24 -",
            "Linha Saúde-24",
            "Service 24 .",
        ] {
            assert_eq!(tel_uri(name), None, "{name:?}");
        }
        // A "+", a "(" or a leading 0 start a number, after any name.
        for (written, dial) in [
            ("Out of hours +44 20 7946 0000", "tel:+442079460000"),
            ("Linha (21) 000 0000", "tel:210000000"),
            ("SOS Médecins 01 47 07 77 77", "tel:0147077777"),
            ("Helpline 0 800 123 456", "tel:0800123456"),
        ] {
            assert_eq!(tel_uri(written).as_deref(), Some(dial), "{written:?}");
        }
        for name in [
            "NHS 24",
            "SNS 24 (Portugal)",
            "Linha 24",
            "Service 7",
            // Found by the second review: a name ending in digits, then a number, without a
            // comma, dialled both ("SNS 24 808 24 24 24" dialled 24808242424). Which digits are
            // the name's cannot be told ("Linha 21 000 0000" may be Lisbon's 21): refused.
            "NHS 24 111",
            "Linha Saúde 24 808 24 24 24",
            "Linha 21 000 0000",
        ] {
            assert_eq!(tel_uri(name), None, "{name:?}");
            let (s, w) = Settings::from_attributes(attrs(&[("out-of-hours", name)]), &[]);
            assert_eq!((s.out_of_hours, w.len()), (None, 1), "{name:?}");
        }
        // A number alone may be short (some countries' emergency numbers are two digits), and
        // a name with a longer number is read as before.
        assert_eq!(tel_uri("15").as_deref(), Some("tel:15"));
        assert_eq!(tel_uri("NHS 111").as_deref(), Some("tel:111"));
        assert_eq!(
            tel_uri("SNS 24, 808 24 24 24").as_deref(),
            Some("tel:808242424")
        );
        assert_eq!(tel_uri("Linha 24, 24").as_deref(), Some("tel:24"));
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
    fn support_groups_are_read_with_their_addresses() {
        let list = " SRUK, sruk.co.uk ; LUPUS UK, https://www.lupusuk.org.uk/ ;Myositis UK,http://myositis.org.uk/support?x=1";
        let (s, w) = Settings::from_attributes(attrs(&[("support-groups", list)]), &[]);
        assert!(w.is_empty(), "{w:?}");
        let groups = s.support_groups.unwrap();
        let read: Vec<(&str, &str)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.shown_address()))
            .collect();
        assert_eq!(
            read,
            [
                ("SRUK", "sruk.co.uk"),
                ("LUPUS UK", "www.lupusuk.org.uk/"),
                ("Myositis UK", "myositis.org.uk/support?x=1"),
            ]
        );
        let (s, w) = Settings::from_attributes(attrs(&[("support-groups", " None ")]), &[]);
        assert!(w.is_empty());
        assert_eq!(s.support_groups, Some(vec![]));
        assert!(
            s.with_defaults().groups().is_empty(),
            "none stays none in every language"
        );
        let six = ["A, a.org"; 6].join("; ");
        assert_eq!(Group::parse_list(&six).map(|g| g.len()), Some(6));
    }

    #[test]
    fn bad_support_groups_fall_back_to_the_default_and_say_how_to_write_them() {
        let seven = ["A, a.org"; 7].join("; ");
        let long_name = format!("{}, a.org", "x".repeat(161));
        for bad in [
            "SRUK",
            "SRUK sruk.co.uk",
            ", sruk.co.uk",
            long_name.as_str(),
            "SR\u{7}UK, sruk.co.uk",
            "SRUK, javascript:alert(1)",
            "SRUK, javascript:a.b",
            "SRUK, data:text/html,x",
            "SRUK, sruk",
            "SRUK, sruk.co.uk/\"><b>",
            "SRUK, sr uk.co.uk",
            "SRUK, -sruk.co.uk",
            "SRUK, sruk..co.uk",
            "SRUK, sruk.123",
            "SRUK, ftp://sruk.co.uk",
            "SRUK, sruk.co.uk; LUPUS UK",
            " ; ",
            seven.as_str(),
        ] {
            let (s, w) = Settings::from_attributes(attrs(&[("support-groups", bad)]), &[]);
            assert_eq!(s.support_groups, None, "{bad:?}");
            assert_eq!(w.len(), 1, "{bad:?}");
            assert!(w[0].starts_with("support-groups="), "{}", w[0]);
            assert!(w[0].contains("\"name, web address\""), "{}", w[0]);
        }
    }

    #[test]
    fn support_groups_default_to_the_clinics_country_whatever_the_patient_reads_in() {
        let pt = Settings {
            lang: Lang::PtPt,
            clinic_lang: Some(Lang::PtPt),
            ..Settings::default()
        };
        let names = |s: &Settings| -> Vec<String> {
            s.clone()
                .with_defaults()
                .groups()
                .iter()
                .map(|g| g.name.clone())
                .collect()
        };
        let portugal = [
            "Liga Portuguesa Contra as Doenças Reumáticas",
            "Associação de Doentes com Lúpus",
        ];
        assert_eq!(names(&pt), portugal);
        // A Portuguese clinic's patient who reads in English is shown them too.
        let read_in_english = Settings {
            lang: Lang::En,
            ..pt.clone()
        };
        assert_eq!(names(&read_in_english), portugal);
        // An English (any country) clinic's patient who reads in Portuguese is not sent to
        // Portugal's groups; nor is a Portuguese-language clinic that does not say Portugal.
        let switched = Settings {
            lang: Lang::PtPt,
            clinic_lang: Some(Lang::En),
            ..Settings::default()
        };
        assert!(names(&switched).is_empty());
        for tag in ["pt", "pt-BR"] {
            let (s, _) = Settings::from_attributes(attrs(&[("lang", tag)]), &[]);
            assert!(names(&s).is_empty(), "{tag}");
        }
        let (s, _) = Settings::from_attributes(attrs(&[("lang", "pt-PT")]), &[]);
        assert_eq!(names(&s), portugal);
        assert!(
            Settings::default().with_defaults().groups().is_empty(),
            "English names none"
        );
        // A clinic's own list is kept in either language.
        let own = Settings {
            support_groups: Some(vec![Group {
                name: "SRUK".into(),
                address: "sruk.co.uk".into(),
            }]),
            ..pt
        };
        for lang in Lang::ALL {
            let s = Settings {
                lang,
                ..own.clone()
            }
            .with_defaults();
            assert_eq!(s.groups(), own.support_groups.as_deref().unwrap());
        }
        for lang in Lang::ALL {
            for &(name, address) in lang.support_groups() {
                let g = Group {
                    name: name.into(),
                    address: address.into(),
                };
                assert_eq!(
                    Group::parse_list(&format!("{name}, {address}")),
                    Some(vec![g])
                );
            }
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
        // A name too long is cut short, not left out (the clinic review: the printout had no
        // "For:" line at all).
        let long = format!(
            "{} Hospital",
            "Royal Infirmary Rheumatology and Dermatology ".repeat(3)
        );
        let (s, w) = Settings::from_attributes(attrs(&[("clinic-name", &long)]), &[]);
        let shown = s.clinic_name.expect("cut short, not left out");
        assert!(shown.chars().count() <= 120, "{shown:?}");
        assert!(shown.ends_with(" Rheumatology…"), "{shown:?}");
        assert!(long.starts_with(shown.trim_end_matches('…')));
        assert_eq!(w.len(), 1);
        let exact = "x".repeat(120);
        let (s, w) = Settings::from_attributes(attrs(&[("clinic-name", &exact)]), &[]);
        assert_eq!(
            (s.clinic_name.as_deref(), w.len()),
            (Some(exact.as_str()), 0)
        );
        // As a web editor types them: no-break and narrow spaces between the groups, an en dash.
        let (s, w) = Settings::from_attributes(
            attrs(&[
                ("clinic-phone", "+351\u{a0}21\u{202f}123\u{a0}4567"),
                ("emergency-number", "1\u{2011}1\u{2011}2"),
                ("out-of-hours", "SNS\u{a0}24, 808\u{a0}24\u{a0}24\u{2013}24"),
            ]),
            &[],
        );
        assert_eq!(s.clinic_phone.as_deref(), Some("+351 21 123 4567"));
        assert_eq!(s.emergency_number.as_deref(), Some("1-1-2"));
        assert_eq!(s.out_of_hours.as_deref(), Some("SNS 24, 808 24 24-24"));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            tel_uri(s.clinic_phone.as_deref().unwrap()).as_deref(),
            Some("tel:+351211234567")
        );
    }

    /// A blank `lang` (a template's empty field) asks for no language: the page's is used, as
    /// the loader uses it, with no warning. Before, the widget said English over a Portuguese
    /// placeholder and Portugal's numbers.
    #[test]
    fn a_blank_lang_is_the_pages_language() {
        for blank in ["", "  "] {
            let (s, w) =
                Settings::from_attributes(attrs(&[("lang", blank)]), &["pt-PT".to_string()]);
            assert_eq!(s.lang, Lang::PtPt, "{blank:?}");
            assert!(w.is_empty(), "{w:?}");
        }
        let (s, _) = Settings::from_attributes(attrs(&[("lang", " pt-PT ")]), &["en".to_string()]);
        assert_eq!(s.lang, Lang::PtPt);
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
