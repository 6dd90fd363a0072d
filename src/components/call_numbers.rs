use yew::prelude::*;

use crate::core::config::{clinic_tel_uri, tel_uri, Contact, Settings};
use crate::core::content::Ui;

/// The numbers to call, each a `tel:` link where a number is set, else the words for it
/// ("your local emergency number"). `settings` has the language's defaults filled in
/// (`Settings::with_defaults`).
pub fn call_numbers(t: &Ui, settings: &Settings, contacts: &[Contact]) -> Html {
    let item = |contact: &Contact| {
        let label = match contact {
            Contact::Emergency => t.contacts_emergency(),
            Contact::Clinic => t.contacts_clinic(),
            Contact::OutOfHours => t.contacts_out_of_hours(),
        };
        let unset = t.number_unset(*contact);
        let number = settings.contact(*contact);
        let dial = match contact {
            Contact::Clinic => clinic_tel_uri,
            Contact::Emergency | Contact::OutOfHours => tel_uri,
        };
        let shown = match number.and_then(|n| dial(n).map(|href| (n, href))) {
            // The number itself stays on one line where it fits ("+44 20 7946 / 0000" misreads); a
            // service's name before it may break ("SNS 24, 808 24 24 24").
            Some((n, href)) => {
                // Split at the last comma (a character, not a string: a string pattern brings a
                // whole substring searcher into the guide's small download).
                let (name, digits) = n
                    .rsplit_once(',')
                    .map_or(("", n), |(a, b)| (a, b.trim_start()));
                html! { <a class="cg-button cg-call" {href}>
                if !name.is_empty() { { name.to_string() }{ ", " } }
                // No-break spaces: the number breaks only if it cannot fit (see .cg-number).
                <span class="cg-number">{ digits.replace(' ', "\u{a0}") }</span></a> }
            }
            None => html! { <span class="cg-contact-unset">{ unset.to_string() }</span> },
        };
        html! { <li><span class="cg-contact-label">{ label.clone() }{ ": " }</span>{ shown }</li> }
    };
    html! {
        <ul class="cg-contacts" aria-label={t.contacts_label().clone()}>
            { for contacts.iter().map(item) }
        </ul>
    }
}

/// What the patient should know about the services among `contacts` whose numbers the clinic
/// set (112, NHS 111, SNS 24): when each answers and what it costs.
pub fn about_services(t: &Ui, settings: &Settings, contacts: &[Contact]) -> Html {
    let notes = settings.known_services(contacts);
    html! {
        <>{ for notes.iter().map(|&s| html! { <p class="cg-contact-about">{ t.about_service(s).to_string() }</p> }) }</>
    }
}
