//! The needs summary: derived from her answers by fixed, explained rules. Each need says which
//! answers it comes from. Nothing here ranks or scores her.

use chrono::{Datelike, NaiveDate};
use shared::{
    Availability, CaredRelation, Conciliation, CriticalPeriod, DayHours, Helper, Household,
    Language, Need, NeedKind, Obstacle, ProfileSection, TravelMeans, Weekday, describe_week,
};

/// The sections the rules read.
pub struct Answers<'a> {
    pub household: &'a Household,
    pub conciliation: &'a Conciliation,
    pub availability: &'a Availability,
}

/// Usual opening of nurseries and schools on weekdays (an assumption the summary states).
const SCHOOL_OPENS: u8 = 8;
const SCHOOL_CLOSES: u8 = 16;

fn t(lang: Language, it: &str, en: &str) -> String {
    match lang {
        Language::It => it.to_owned(),
        Language::En => en.to_owned(),
    }
}

fn means_name(m: TravelMeans, lang: Language) -> &'static str {
    match (m, lang) {
        (TravelMeans::Walking, Language::It) => "a piedi",
        (TravelMeans::Walking, Language::En) => "on foot",
        (TravelMeans::Bicycle, Language::It) => "in bicicletta",
        (TravelMeans::Bicycle, Language::En) => "by bicycle",
        (TravelMeans::PublicTransport, Language::It) => "con i mezzi pubblici",
        (TravelMeans::PublicTransport, Language::En) => "by public transport",
        (TravelMeans::Car, Language::It) => "in auto",
        (TravelMeans::Car, Language::En) => "by car",
        (TravelMeans::Motorbike, Language::It) => "in moto o scooter",
        (TravelMeans::Motorbike, Language::En) => "by motorbike or scooter",
    }
}

fn period_name(p: CriticalPeriod, lang: Language) -> &'static str {
    match (p, lang) {
        (CriticalPeriod::SchoolClosures, Language::It) => "chiusure scolastiche",
        (CriticalPeriod::SchoolClosures, Language::En) => "school closures",
        (CriticalPeriod::Summer, Language::It) => "estate",
        (CriticalPeriod::Summer, Language::En) => "summer",
        (CriticalPeriod::ChristmasHolidays, Language::It) => "vacanze di Natale",
        (CriticalPeriod::ChristmasHolidays, Language::En) => "Christmas holidays",
        (CriticalPeriod::EasterHolidays, Language::It) => "vacanze di Pasqua",
        (CriticalPeriod::EasterHolidays, Language::En) => "Easter holidays",
        (CriticalPeriod::ChildIllness, Language::It) => "malattia dei figli",
        (CriticalPeriod::ChildIllness, Language::En) => "children's illness",
    }
}

fn relation_name(r: CaredRelation, lang: Language) -> &'static str {
    match (r, lang) {
        (CaredRelation::Parent, Language::It) => "un genitore",
        (CaredRelation::Parent, Language::En) => "a parent",
        (CaredRelation::Partner, Language::It) => "il partner",
        (CaredRelation::Partner, Language::En) => "her partner",
        (CaredRelation::Relative, Language::It) => "un familiare",
        (CaredRelation::Relative, Language::En) => "a relative",
        (CaredRelation::Other, Language::It) => "un'altra persona",
        (CaredRelation::Other, Language::En) => "another person",
    }
}

/// "entro 15 minuti da casa (a piedi, in auto)", when she said how far she can go.
fn within(av: &Availability, lang: Language) -> String {
    let Some(minutes) = av.max_travel_minutes else {
        return String::new();
    };
    let means: Vec<_> = av
        .travel_means
        .iter()
        .flatten()
        .map(|m| means_name(*m, lang))
        .collect();
    let means = if means.is_empty() {
        String::new()
    } else {
        format!(" ({})", means.join(", "))
    };
    match lang {
        Language::It => format!(" entro {minutes} minuti da casa{means}"),
        Language::En => format!(" within {minutes} minutes of home{means}"),
    }
}

/// Her available hours that fall outside school hours (early, late, weekends).
fn outside_school(days: &[DayHours]) -> Vec<DayHours> {
    days.iter()
        .map(|d| DayHours {
            day: d.day,
            hours: d
                .hours
                .iter()
                .copied()
                .filter(|h| {
                    matches!(d.day, Weekday::Sat | Weekday::Sun)
                        || *h < SCHOOL_OPENS
                        || *h >= SCHOOL_CLOSES
                })
                .collect(),
        })
        .filter(|d| !d.hours.is_empty())
        .collect()
}

pub fn derive(a: &Answers<'_>, today: NaiveDate, lang: Language) -> Vec<Need> {
    let mut needs = Vec::new();
    let year = today.year();
    let children = a.household.children.as_deref().unwrap_or_default();
    let others = a.household.others_cared_for.as_deref().unwrap_or_default();
    let grid = a.availability.weekly_hours.as_deref().unwrap_or_default();
    let has_grid = grid.iter().any(|d| !d.hours.is_empty());
    let near = within(a.availability, lang);
    let week_because = || t(lang, "Disponibile: ", "Available: ") + &describe_week(grid, lang);

    // Children under 3: a nursery or a childminder for the hours she can work.
    let small: Vec<i32> = children
        .iter()
        .filter(|c| year - c.birth_year <= 2)
        .map(|c| c.birth_year)
        .collect();
    if !small.is_empty() {
        let when = if has_grid {
            format!(" ({})", describe_week(grid, lang))
        } else {
            String::new()
        };
        let mut because = vec![format!(
            "{}{}",
            t(lang, "Figli nati nel ", "Children born in "),
            small
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )];
        if has_grid {
            because.push(week_because());
        }
        needs.push(Need {
            kind: NeedKind::Childcare,
            summary: t(
                lang,
                "Nido o baby-sitter per un bambino sotto i 3 anni",
                "A nursery or childminder for a child under 3",
            ) + &when
                + &near,
            because,
            sections: vec![ProfileSection::Household, ProfileSection::Availability],
        });
    }

    // Children at the scuola dell'infanzia (from September of the year they turn 3) or at
    // school (from the year they turn 6: compulsory school starts then), and hours outside it.
    // Only the birth year is known, so the groups go by the year a child turns that age.
    let born_between = |ages: std::ops::RangeInclusive<i32>| -> Vec<i32> {
        children
            .iter()
            .filter(|c| ages.contains(&(year - c.birth_year)))
            .map(|c| c.birth_year)
            .collect()
    };
    let infanzia = born_between(3..=5);
    let school = born_between(6..=13);
    let outside = outside_school(grid);
    let in_care_of_school = !infanzia.is_empty() || !school.is_empty();
    if in_care_of_school && !outside.is_empty() {
        let years = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
        let mut because = Vec::new();
        if !infanzia.is_empty() {
            because.push(format!(
                "{}{}",
                t(
                    lang,
                    "Figli alla scuola dell'infanzia, nati nel ",
                    "Children at pre-school (scuola dell'infanzia), born in "
                ),
                years(&infanzia)
            ));
        }
        if !school.is_empty() {
            because.push(format!(
                "{}{}",
                t(
                    lang,
                    "Figli in età scolare, nati nel ",
                    "School-age children, born in "
                ),
                years(&school)
            ));
        }
        because.push(week_because());
        because.push(t(
            lang,
            "Scuole e servizi per l'infanzia aprono di solito dalle 8 alle 16, dal lunedì al venerdì",
            "Schools and early-years services usually open 8:00 to 16:00, Monday to Friday",
        ));
        needs.push(Need {
            kind: NeedKind::OutOfSchoolCare,
            summary: t(
                lang,
                "Pre-scuola, post-scuola o baby-sitter: ",
                "Before- or after-school care or a childminder: ",
            ) + &describe_week(&outside, lang)
                + &near,
            because,
            sections: vec![ProfileSection::Household, ProfileSection::Availability],
        });
    }

    // Critical periods of the year.
    let periods: Vec<CriticalPeriod> = a
        .conciliation
        .critical_periods
        .iter()
        .flatten()
        .copied()
        .filter(|p| *p != CriticalPeriod::ChildIllness)
        .collect();
    let any_child = children.iter().any(|c| year - c.birth_year <= 14);
    if !periods.is_empty() && any_child {
        let names: Vec<_> = periods.iter().map(|p| period_name(*p, lang)).collect();
        needs.push(Need {
            kind: NeedKind::HolidayCover,
            summary: t(
                lang,
                "Centri estivi o servizi ponte nei periodi critici: ",
                "Summer camps or bridge services in the critical periods: ",
            ) + &names.join(", "),
            because: vec![
                t(
                    lang,
                    "Periodi indicati come critici: ",
                    "Periods she marked as critical: ",
                ) + &names.join(", "),
            ],
            sections: vec![ProfileSection::Conciliation],
        });
    }
    if a.conciliation
        .critical_periods
        .iter()
        .flatten()
        .any(|p| *p == CriticalPeriod::ChildIllness)
    {
        needs.push(Need {
            kind: NeedKind::SickChildCover,
            summary: t(
                lang,
                "Qualcuno su cui contare quando un figlio è malato",
                "Someone to count on when a child is ill",
            ),
            because: vec![t(
                lang,
                "Ha indicato la malattia dei figli come periodo critico",
                "She marked children's illness as a critical period",
            )],
            sections: vec![ProfileSection::Conciliation],
        });
    }

    // Other people she cares for.
    if !others.is_empty() {
        let mut who: Vec<_> = others
            .iter()
            .map(|o| relation_name(o.relation, lang))
            .collect();
        who.dedup();
        needs.push(Need {
            kind: NeedKind::CareForOthers,
            summary: t(
                lang,
                "Assistenza domiciliare, centro diurno o sollievo per ",
                "Home care, a day centre or respite for ",
            ) + &who.join(", ")
                + &t(lang, " nelle ore di lavoro", " during working hours"),
            because: vec![t(lang, "Si prende cura di: ", "She cares for: ") + &who.join(", ")],
            sections: vec![ProfileSection::Household],
        });
    }

    if children.iter().any(|c| c.special_needs) || others.iter().any(|o| o.special_needs) {
        needs.push(Need {
            kind: NeedKind::InclusiveServices,
            summary: t(
                lang,
                "Servizi in grado di accogliere bisogni speciali",
                "Services able to welcome special needs",
            ),
            because: vec![t(
                lang,
                "Una persona di cui si prende cura ha bisogni speciali",
                "Someone she cares for has special needs",
            )],
            sections: vec![ProfileSection::Household],
        });
    }

    let cares = !children.is_empty() || !others.is_empty();
    if cares && a.household.helpers.as_deref() == Some(&[Helper::Nobody]) {
        needs.push(Need {
            kind: NeedKind::BackupCare,
            summary: t(
                lang,
                "Una rete di sostegno per gli imprevisti",
                "A support network for the unexpected",
            ),
            because: vec![t(
                lang,
                "Nessuno la aiuta nella cura",
                "Nobody helps her with care",
            )],
            sections: vec![ProfileSection::Household],
        });
    }

    let obstacles = a.conciliation.obstacles.as_deref().unwrap_or_default();
    if obstacles.contains(&Obstacle::Cost) {
        needs.push(Need {
            kind: NeedKind::AffordableServices,
            summary: t(
                lang,
                "Servizi a costo sostenibile: voucher, bonus e tariffe agevolate",
                "Affordable services: vouchers, bonuses and reduced fees",
            ),
            because: vec![t(
                lang,
                "Ha indicato il costo come ostacolo",
                "She named cost as an obstacle",
            )],
            sections: vec![ProfileSection::Conciliation],
        });
    }
    if obstacles.contains(&Obstacle::Distance) || obstacles.contains(&Obstacle::NoneAvailable) {
        let mut because = Vec::new();
        if obstacles.contains(&Obstacle::Distance) {
            because.push(t(
                lang,
                "Ha indicato la distanza come ostacolo",
                "She named distance as an obstacle",
            ));
        }
        if obstacles.contains(&Obstacle::NoneAvailable) {
            because.push(t(
                lang,
                "Dove vive non trova servizi disponibili",
                "She finds no services available where she lives",
            ));
        }
        needs.push(Need {
            kind: NeedKind::ServicesNearby,
            summary: t(lang, "Servizi vicini", "Services close by") + &near,
            because,
            sections: vec![ProfileSection::Conciliation, ProfileSection::Availability],
        });
    }
    if obstacles.contains(&Obstacle::OpeningHours) {
        needs.push(Need {
            kind: NeedKind::ExtendedHours,
            summary: t(
                lang,
                "Servizi con orari compatibili con il lavoro (apertura anticipata o chiusura posticipata)",
                "Services whose hours fit work (early opening or late closing)",
            ),
            because: vec![t(lang, "Ha indicato gli orari come ostacolo", "She named opening hours as an obstacle")],
            sections: vec![ProfileSection::Conciliation],
        });
    }
    needs
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::Child;

    #[test]
    fn the_summary_names_hours_distance_and_periods() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let household = Household {
            children: Some(vec![Child {
                birth_year: 2019,
                special_needs: false,
            }]),
            ..Household::default()
        };
        let conciliation = Conciliation {
            critical_periods: Some(vec![CriticalPeriod::Summer]),
            ..Conciliation::default()
        };
        let day = |day| DayHours {
            day,
            hours: vec![7, 8, 9, 10, 11, 12],
        };
        let availability = Availability {
            weekly_hours: Some(vec![
                day(Weekday::Mon),
                day(Weekday::Tue),
                day(Weekday::Wed),
            ]),
            max_travel_minutes: Some(15),
            travel_means: Some(vec![TravelMeans::Walking]),
            ..Availability::default()
        };
        let a = Answers {
            household: &household,
            conciliation: &conciliation,
            availability: &availability,
        };
        let needs = derive(&a, today, Language::It);
        let kinds: Vec<_> = needs.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, [NeedKind::OutOfSchoolCare, NeedKind::HolidayCover]);
        assert_eq!(
            needs[0].summary,
            "Pre-scuola, post-scuola o baby-sitter: lun–mer 07:00–08:00 entro 15 minuti da casa (a piedi)"
        );
        assert!(needs[1].summary.contains("estate"));
        let en = derive(&a, today, Language::En);
        assert!(
            en[0]
                .summary
                .contains("Mon–Wed 07:00–08:00 within 15 minutes of home (on foot)")
        );
    }

    /// By birth year: under 3 a nursery; the year a child turns 3 the scuola dell'infanzia;
    /// from the year she turns 6, school age.
    #[test]
    fn children_are_grouped_by_the_italian_school_stages() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        let child = |birth_year| Child {
            birth_year,
            special_needs: false,
        };
        let household = Household {
            children: Some(vec![child(2024), child(2023), child(2020)]),
            ..Household::default()
        };
        let conciliation = Conciliation::default();
        let availability = Availability {
            weekly_hours: Some(vec![DayHours {
                day: Weekday::Mon,
                hours: vec![16, 17],
            }]),
            ..Availability::default()
        };
        let a = Answers {
            household: &household,
            conciliation: &conciliation,
            availability: &availability,
        };
        let needs = derive(&a, today, Language::It);
        assert_eq!(needs[0].kind, NeedKind::Childcare);
        assert_eq!(needs[0].because[0], "Figli nati nel 2024");
        assert_eq!(needs[1].kind, NeedKind::OutOfSchoolCare);
        assert_eq!(
            needs[1].because[..2],
            [
                "Figli alla scuola dell'infanzia, nati nel 2023".to_owned(),
                "Figli in età scolare, nati nel 2020".to_owned()
            ]
        );
        // Born in 2023 is not of school age.
        assert!(!needs[1].because[1].contains("2023"));
    }
}
