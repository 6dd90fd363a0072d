//! Body sites where a lesion can be: a region and, where the body has two, a side. Stored as a
//! stable text id such as `right-index-finger` or `face`; labels live in content per language.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Left,
    Right,
}

/// Groups for the plain list, from the hands (where most lesions are) outwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    Hands,
    Arms,
    HeadAndTrunk,
    Legs,
}

macro_rules! regions {
    ($($variant:ident = $id:literal, $paired:literal, $area:ident;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Region { $($variant),* }

        impl Region {
            pub const ALL: &'static [Region] = &[$(Region::$variant),*];

            pub fn id(self) -> &'static str {
                match self { $(Region::$variant => $id),* }
            }

            /// Does the body have a left and a right one?
            pub fn paired(self) -> bool {
                match self { $(Region::$variant => $paired),* }
            }

            pub fn area(self) -> Area {
                match self { $(Region::$variant => Area::$area),* }
            }
        }
    };
}

regions! {
    Thumb = "thumb", true, Hands;
    IndexFinger = "index-finger", true, Hands;
    MiddleFinger = "middle-finger", true, Hands;
    RingFinger = "ring-finger", true, Hands;
    LittleFinger = "little-finger", true, Hands;
    Palm = "palm", true, Hands;
    BackOfHand = "back-of-hand", true, Hands;
    Wrist = "wrist", true, Hands;
    Forearm = "forearm", true, Arms;
    Elbow = "elbow", true, Arms;
    UpperArm = "upper-arm", true, Arms;
    Shoulder = "shoulder", true, Arms;
    Face = "face", false, HeadAndTrunk;
    Neck = "neck", false, HeadAndTrunk;
    Chest = "chest", false, HeadAndTrunk;
    Breast = "breast", true, HeadAndTrunk;
    Abdomen = "abdomen", false, HeadAndTrunk;
    Back = "back", false, HeadAndTrunk;
    Buttock = "buttock", true, HeadAndTrunk;
    Hip = "hip", true, Legs;
    Thigh = "thigh", true, Legs;
    Knee = "knee", true, Legs;
    LowerLeg = "lower-leg", true, Legs;
    Ankle = "ankle", true, Legs;
    Foot = "foot", true, Legs;
    Toes = "toes", true, Legs;
}

/// A place on the body. `side` is `Some` exactly when the region is paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Site {
    pub region: Region,
    pub side: Option<Side>,
}

impl Site {
    /// Builds a site, refusing a side on a midline region or no side on a paired one.
    pub fn new(region: Region, side: Option<Side>) -> Option<Site> {
        (region.paired() == side.is_some()).then_some(Site { region, side })
    }

    /// Every site, in list order: right before left, hands first.
    pub fn all() -> Vec<Site> {
        Region::ALL
            .iter()
            .flat_map(|&r| {
                if r.paired() {
                    vec![
                        Site::new(r, Some(Side::Right)),
                        Site::new(r, Some(Side::Left)),
                    ]
                } else {
                    vec![Site::new(r, None)]
                }
            })
            .flatten()
            .collect()
    }

    pub fn id(self) -> String {
        match self.side {
            Some(Side::Left) => format!("left-{}", self.region.id()),
            Some(Side::Right) => format!("right-{}", self.region.id()),
            None => self.region.id().to_string(),
        }
    }

    pub fn parse(id: &str) -> Option<Site> {
        let (side, rest) = if let Some(r) = id.strip_prefix("left-") {
            (Some(Side::Left), r)
        } else if let Some(r) = id.strip_prefix("right-") {
            (Some(Side::Right), r)
        } else {
            (None, id)
        };
        let region = Region::ALL.iter().copied().find(|r| r.id() == rest)?;
        Site::new(region, side)
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_site_round_trips_through_its_id() {
        let all = Site::all();
        assert_eq!(all.len(), 47);
        for s in &all {
            assert_eq!(Site::parse(&s.id()), Some(*s));
        }
        let ids: std::collections::HashSet<String> = all.iter().map(|s| s.id()).collect();
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn sides_must_match_the_region() {
        assert!(Site::new(Region::Face, Some(Side::Left)).is_none());
        assert!(Site::new(Region::Thumb, None).is_none());
        assert_eq!(Site::parse("left-face"), None);
        assert_eq!(Site::parse("thumb"), None);
        assert_eq!(
            Site::parse("right-index-finger").unwrap().region,
            Region::IndexFinger
        );
        assert_eq!(Site::parse("nose"), None);
    }

    #[test]
    fn stored_as_the_id_and_unknown_sites_are_refused() {
        use crate::core::diary::stored::site;
        use crate::core::json::parse;
        let s = Site::parse("left-forearm").unwrap();
        assert_eq!(s.id(), "left-forearm");
        assert_eq!(site(parse("\"left-forearm\"").unwrap()), Ok(s));
        assert!(site(parse("\"elsewhere\"").unwrap()).is_err());
    }
}
