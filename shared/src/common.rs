use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Uuid))]
        pub struct $name(pub Uuid);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

typed_id!(
    /// Identifier of a user account (jobseeker or staff).
    UserId
);
typed_id!(
    /// Identifier of an agency (a tenant: Milan, Trento, ...).
    AgencyId
);

/// The languages of the product. Italian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
pub enum Language {
    #[default]
    It,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::It, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::It => "it",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "it" => Some(Language::It),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value
    /// (quality values honoured; Italian when nothing matches).
    pub fn negotiate(accept_language: &str) -> Language {
        let mut best: Option<(f32, Language)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let primary = tag.split('-').next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Language::from_code(primary)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// A page of a cursor-paginated list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque token for the next page; absent at the end of the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// An agency (tenant) as shown to anyone, e.g. in the registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0194f0a0-0000-7000-8000-000000000001", "slug": "milano", "name": "Agenzia per il lavoro di Milano", "territory": "Città metropolitana di Milano"})))]
pub struct Agency {
    pub id: AgencyId,
    /// Short stable name, e.g. `milano`.
    pub slug: String,
    pub name: String,
    /// The territory the agency serves.
    pub territory: String,
}

/// A point on the Earth (WGS 84), in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"lat": 45.58005, "lon": 9.27246})))]
pub struct GeoPoint {
    /// Latitude, from -90 to 90.
    #[cfg_attr(feature = "openapi", schema(minimum = -90, maximum = 90))]
    pub lat: f64,
    /// Longitude, from -180 to 180.
    #[cfg_attr(feature = "openapi", schema(minimum = -180, maximum = 180))]
    pub lon: f64,
}

impl GeoPoint {
    /// Mean Earth radius (IUGG), in km.
    const EARTH_KM: f64 = 6371.0088;

    /// Whether both coordinates are numbers within their ranges.
    pub fn is_valid(&self) -> bool {
        (-90.0..=90.0).contains(&self.lat) && (-180.0..=180.0).contains(&self.lon)
    }

    /// The great-circle distance to `other`, in km (haversine).
    pub fn km_to(&self, other: &GeoPoint) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let (dp, dl) = (p2 - p1, (other.lon - self.lon).to_radians());
        let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * Self::EARTH_KM * h.sqrt().asin()
    }
}

/// Health of the service and what it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"status": "ok", "database": "ok", "version": "0.1.0"})))]
pub struct Health {
    /// `ok` when every dependency answers.
    pub status: String,
    /// `ok` when the database answered a query.
    pub database: String,
    pub version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_language() {
        assert_eq!(Language::negotiate("en-GB,en;q=0.9"), Language::En);
        assert_eq!(Language::negotiate("it-IT,it;q=0.9,en;q=0.8"), Language::It);
        assert_eq!(Language::negotiate("de-DE,en;q=0.5,it;q=0.7"), Language::It);
        assert_eq!(Language::negotiate("de-DE,en;q=0.5"), Language::En);
        assert_eq!(Language::negotiate("fr"), Language::It);
        assert_eq!(Language::negotiate(""), Language::It);
        assert_eq!(Language::negotiate("en;q=0"), Language::It);
    }

    #[test]
    fn distances_on_the_earth() {
        let milano = GeoPoint {
            lat: 45.46824,
            lon: 9.17322,
        };
        let monza = GeoPoint {
            lat: 45.58005,
            lon: 9.27246,
        };
        let trento = GeoPoint {
            lat: 46.06787,
            lon: 11.12108,
        };
        assert!((milano.km_to(&monza) - 14.64).abs() < 0.05);
        assert!((milano.km_to(&trento) - 165.14).abs() < 0.2);
        assert!((monza.km_to(&milano) - milano.km_to(&monza)).abs() < 1e-9);
        assert!(milano.km_to(&milano).abs() < 1e-9);
        assert!(milano.is_valid());
        assert!(
            !GeoPoint {
                lat: 91.0,
                lon: 0.0
            }
            .is_valid()
        );
        assert!(
            !GeoPoint {
                lat: 0.0,
                lon: -180.5
            }
            .is_valid()
        );
        assert!(
            !GeoPoint {
                lat: f64::NAN,
                lon: 0.0
            }
            .is_valid()
        );
    }
}
