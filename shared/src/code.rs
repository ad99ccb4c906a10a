//! Closed lists of codes (`code_enum!`): snake_case on the wire, stored as their code, each
//! with a label in every language of the web app (`<kind>.<code>`, checked at its build).

/// Declares a closed list of codes: snake_case on the wire, `ALL` in display order, `as_str`.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident : $kind:literal { $($(#[$vm:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        // The variants' codes are their snake_case names (utoipa reads the container's rule;
        // a test checks the spec's values are the wire's).
        #[serde(rename_all = "snake_case")]
        // Stored as its code (a text column), read back through the same list.
        #[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "db", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vm])*
                #[serde(rename = $code)]
                #[cfg_attr(feature = "db", sea_orm(string_value = $code))]
                $variant
            ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl Code for $name {
            const KIND: &'static str = $kind;
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn code(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

/// A closed list of codes whose labels the UI translates as `<KIND>.<code>`.
pub trait Code: Copy + Eq + Ord + Send + Sync + 'static {
    const KIND: &'static str;
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;
}

/// A list's kind and its codes.
pub(crate) fn codes_of<T: Code>() -> (&'static str, Vec<&'static str>) {
    (T::KIND, T::all().iter().map(|c| c.code()).collect())
}
