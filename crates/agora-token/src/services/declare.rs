//! The macros behind the service table in `services.rs`. The table is the one place a service is
//! declared; everything that has to list every service (the `ServiceType` and `Service` enums,
//! their numbers, names, field lists, privilege tables, packing and parsing) is expanded from it
//! here, so a service cannot be added to one list and forgotten in another.

/// Expands the service table. One entry per service, ascending by type number:
///
/// ```text
/// /// Docs of the service struct.
/// Variant(StructName) = type number, "display name", "what it is" {
///     explain Question::...;
///     privileges PrivilegeEnum, expected "the defined numbers, for error messages" {
///         /// Docs.
///         PrivilegeVariant = number, "short description";
///     }
///     fields {
///         /// Docs.
///         rust_name: Type, js "jsName" npm NpmField, wire "label in errors", shown "label in explain",
///             role FieldRole[, default value][, required "why, when a generic builder leaves it out"];
///     }
///     impl { constructors and other inherent items }
///     other items, e.g. `impl Default for StructName`
/// }
/// ```
///
/// `explain` is the question `explain` asks of the service ([`Question`](crate::explain::Question):
/// join a channel, log in, ...). Fields are packed in the order given, after the privilege map.
/// `js` is the name generic service objects use
/// ([`ServiceType::field_names`](super::ServiceType::field_names)), `npm` how npm's drop-in reads
/// it from a JavaScript service object ([`NpmField`](crate::compat::javascript::NpmField)),
/// `wire` follows the service name in parse and pack errors (`"RTC channel name"`), `shown` names
/// the field in `explain`, `role` says what the field is to code that reads every service alike
/// ([`FieldRole`](super::FieldRole): the channel, the user, ...). A field's type implements
/// `FieldType` (string, `i16`, RTM2 permissions); `default` replaces the type's default where a
/// generic builder leaves the field out, and `required` refuses that, with the reason given
/// ([`ServiceType::check_fields`](super::ServiceType::check_fields)).
macro_rules! services {
    ($(
        $(#[$meta:meta])*
        $variant:ident($name:ident) = $code:literal, $display:literal, $about:literal {
            explain $question:expr;
            privileges $privilege:ident, expected $expected:literal {
                $( $(#[$pmeta:meta])* $pvariant:ident = $pcode:literal, $plabel:literal; )*
            }
            fields {
                $(
                    $(#[$fmeta:meta])*
                    $field:ident: $fty:ty, js $js:literal npm $npm:ident, wire $wire:literal, shown $shown:literal,
                    role $role:ident $(, default $default:expr)? $(, required $required:literal)?;
                )*
            }
            impl { $($inherent:tt)* }
            $($extra:item)*
        }
    )*) => {
        /// The numeric service types of the 007 format.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        pub enum ServiceType {
            $( #[doc = concat!($about, ", type ", $code, ".")] $variant, )*
        }

        impl ServiceType {
            /// Every service type in ascending numeric order.
            pub const ALL: [ServiceType; [$(stringify!($variant)),*].len()] = [$(ServiceType::$variant),*];

            /// The fields a service of this type holds besides its privileges, by the names the
            /// JavaScript bindings' service objects use (`decode` returns them, `buildToken` takes
            /// them and refuses the fields of other types, see
            /// [`check_fields`](ServiceType::check_fields)); [`Service::fields`] uses them too.
            #[must_use]
            pub fn field_names(self) -> &'static [&'static str] {
                match self { $( ServiceType::$variant => &[$($js),*], )* }
            }

            /// The number packed into tokens.
            #[must_use]
            pub const fn code(self) -> u16 {
                match self { $( ServiceType::$variant => $code, )* }
            }

            /// A short display name, e.g. `"RTC"`.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self { $( ServiceType::$variant => $display, )* }
            }

            /// Every privilege the service defines, as (name, number), ascending by number:
            /// `[("join_channel", 1), ("publish_audio_stream", 2), ...]` for RTC, `[]` for ConvoAI and STT.
            ///
            /// This is the table the bindings export (Python `PRIVILEGES`, Node `serviceTypes()`,
            /// Kotlin/Swift `serviceTypes()`) and test their drop-in constants against
            /// (`ServiceRtc.kPrivilegeJoinChannel`, ...). Each name is [`Privilege::identifier`]: the
            /// privilege enum's variant in snake_case, generated from the enum, so the table cannot
            /// disagree with the types the builders accept.
            #[must_use]
            pub fn privileges(self) -> &'static [(&'static str, u16)] {
                match self { $( ServiceType::$variant => <$privilege as Privilege>::NAMES, )* }
            }

            /// The question `explain` asks of a service of this type.
            pub(crate) fn question(self) -> crate::explain::Question {
                match self { $( ServiceType::$variant => $question, )* }
            }

            /// The table's declaration of each field besides the privileges, in packing order.
            pub(crate) fn declared_fields(self) -> &'static [DeclaredField] {
                match self {
                    $( ServiceType::$variant => &[$( DeclaredField {
                        name: $js,
                        shown: $shown,
                        role: FieldRole::$role,
                        npm: crate::compat::javascript::NpmField::$npm,
                        required: field_required!($($required)?),
                    } ),*], )*
                }
            }

            /// The name of a privilege number of this service type.
            ///
            /// # Errors
            /// [`Error::UnknownPrivilege`], listing the defined numbers, if the service does not define it.
            pub(crate) fn privilege_name(self, code: u16) -> Result<&'static str> {
                match self { $( ServiceType::$variant => $privilege::from_code(code).map(Privilege::name), )* }
            }
        }

        /// Calls the visitor with each service's privilege enum, so tests of the enums cover every
        /// service without listing them.
        #[cfg(test)]
        fn visit_privilege_enums(visitor: &mut impl PrivilegeEnumVisitor) {
            $( visitor.visit::<$privilege>(); )*
        }

        /// One service of a 007 token. The set is closed: these are all the types the format defines.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Service {
            $( #[doc = concat!($display, " (", $code, ").")] $variant($name), )*
        }

        // Services without fields bind `service` and leave it unused.
        #[allow(unused_variables)]
        impl Service {
            /// The service's type.
            #[must_use]
            pub fn service_type(&self) -> ServiceType {
                match self { $( Service::$variant(_) => ServiceType::$variant, )* }
            }

            /// The raw privilege map (number → expiry), whatever the service.
            #[must_use]
            pub fn privilege_map(&self) -> &BTreeMap<u16, u32> {
                match self { $( Service::$variant(service) => service.privileges.as_map(), )* }
            }

            /// Sets a privilege given by number, whatever the service, checking that the service
            /// defines it (as [`Privileges::set_code`]).
            ///
            /// # Errors
            /// [`Error::UnknownPrivilege`] for a number the service does not define.
            pub fn set_privilege_code(&mut self, code: u16, expire: u32) -> Result<()> {
                match self { $( Service::$variant(service) => service.privileges.set_code(code, expire), )* }
            }

            /// Adds (or replaces) a privilege by number **without checking** that the service
            /// defines it, whatever the service; for drop-in layers only (see
            /// [`Privileges::insert_unchecked`]).
            pub fn add_privilege_unchecked(&mut self, code: u16, expire: u32) {
                match self { $( Service::$variant(service) => service.privileges.insert_unchecked(code, expire), )* }
            }

            /// The service's fields besides its privileges, in packing order, each by its name in
            /// [`ServiceType::field_names`]: what generic service objects (Node, WebAssembly) and
            /// `explain` show, without a match over the services.
            #[must_use]
            pub fn fields(&self) -> Vec<(&'static str, ServiceField)> {
                match self {
                    $( Service::$variant(service) => vec![$( ($js, FieldType::to_field(&service.$field)) ),*], )*
                }
            }

            /// A service of `service_type` from fields named as in [`ServiceType::field_names`],
            /// with no privileges; a field left out takes its default (`""`, no permissions, APaaS
            /// role -1). The generic builders' constructor: one call for every service type.
            ///
            /// # Errors
            /// [`Error::InvalidArgument`] for a field of another type, a value of the wrong kind
            /// or a missing RTC channel or uid (see [`ServiceType::check_fields`]).
            pub fn from_fields<'a>(
                service_type: ServiceType,
                fields: impl IntoIterator<Item = (&'a str, ServiceField)>,
            ) -> Result<Service> {
                let mut given: Vec<(&str, ServiceField)> = fields.into_iter().collect();
                service_type.check_fields(&given.iter().map(|(name, _)| *name).collect::<Vec<_>>())?;
                let mut take = |name: &str| -> Option<ServiceField> {
                    given.iter().position(|(given, _)| *given == name).map(|at| given.swap_remove(at).1)
                };
                Ok(match service_type {
                    $( ServiceType::$variant => Service::$variant($name {
                        $( $field: match take($js) {
                            Some(value) => FieldType::from_field($js, value)?,
                            None => field_default!($fty $(, $default)?),
                        }, )*
                        privileges: Privileges::default(),
                    }), )*
                })
            }

            /// Appends the fields after the privilege map.
            fn pack_fields(&self, w: &mut Writer) -> Result<()> {
                match self {
                    $( Service::$variant(service) => {
                        $( FieldType::pack(&service.$field, concat!($display, " ", $wire), w)?; )*
                    } )*
                }
                Ok(())
            }

            /// Reads the privilege map and the fields of a service of `service_type`.
            fn unpack_as(service_type: ServiceType, r: &mut Reader<'_>) -> Result<Service> {
                Ok(match service_type {
                    $( ServiceType::$variant => Service::$variant($name {
                        // Struct fields are evaluated in the order written: the wire order.
                        privileges: Privileges::unpack(r)?,
                        $( $field: FieldType::unpack(concat!($display, " ", $wire), r)?, )*
                    }), )*
                })
            }

            /// The value of the service's field with this role, if it has one (the first, in
            /// packing order): lets `explain` read the channel or the user of any service.
            pub(crate) fn field_with_role(&self, role: FieldRole) -> Option<ServiceField> {
                match self {
                    $( Service::$variant(service) => {
                        $( if FieldRole::$role == role {
                            return Some(FieldType::to_field(&service.$field));
                        } )*
                    } )*
                }
                None
            }
        }

        $(
            privilege_enum! {
                #[doc = concat!($display, " privileges.")]
                $privilege for $variant, expected $expected {
                    $( $(#[$pmeta])* $pvariant = $pcode, $plabel; )*
                }
            }

            $(#[$meta])*
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct $name {
                $( $(#[$fmeta])* pub $field: $fty, )*
                /// The privileges and their expiries (seconds after the issue time).
                pub privileges: Privileges<$privilege>,
            }

            impl $name {
                /// Adds (or replaces) a privilege; builder style.
                #[must_use]
                pub fn with_privilege(mut self, privilege: $privilege, expire: u32) -> Self {
                    self.privileges.set(privilege, expire);
                    self
                }

                /// Adds (or replaces) a privilege.
                pub fn add_privilege(&mut self, privilege: $privilege, expire: u32) {
                    self.privileges.set(privilege, expire);
                }

                /// Adds (or replaces) a privilege by number **without checking** that the
                /// service defines it; for drop-in layers only (see
                /// [`Privileges::insert_unchecked`]).
                pub fn add_privilege_unchecked(&mut self, code: u16, expire: u32) {
                    self.privileges.insert_unchecked(code, expire);
                }

                $($inherent)*
            }

            impl From<$name> for Service {
                fn from(service: $name) -> Service {
                    Service::$variant(service)
                }
            }

            $($extra)*
        )*
    };
}

/// A field's value when a generic builder leaves it out: the declared default, else the type's.
macro_rules! field_default {
    ($ty:ty) => {
        <$ty as Default>::default()
    };
    ($ty:ty, $default:expr) => {
        $default
    };
}

/// Why a generic builder may not leave a field out, if it may not.
macro_rules! field_required {
    () => {
        None
    };
    ($reason:literal) => {
        Some($reason)
    };
}

/// The snake_case spelling of a CamelCase identifier, as a `&'static str` computed at compile
/// time: `snake_case!(PublishAudioStream)` is `"publish_audio_stream"`. Lets the privilege
/// tables name each privilege after its enum variant instead of restating the name.
macro_rules! snake_case {
    ($ident:ident) => {{
        const CAMEL: &str = stringify!($ident);
        const BYTES: [u8; $crate::services::declare::snake_case_const::len(CAMEL)] =
            $crate::services::declare::snake_case_const::bytes(CAMEL);
        const NAME: &str = $crate::services::declare::snake_case_const::as_str(&BYTES);
        NAME
    }};
}
// For the 006 privileges (legacy::access_token::Privilege006), which are not declared by `privilege_enum!`.
pub(crate) use snake_case;

/// The const functions behind [`snake_case!`]; run only during compilation.
pub(crate) mod snake_case_const {
    /// The length of `camel` in snake_case: one underscore before each inner capital.
    pub(crate) const fn len(camel: &str) -> usize {
        let bytes = camel.as_bytes();
        let mut len = bytes.len();
        let mut i = 1;
        while i < bytes.len() {
            if bytes[i].is_ascii_uppercase() {
                len += 1;
            }
            i += 1;
        }
        len
    }

    /// `camel` in snake_case; `N` is [`len`] of it.
    pub(crate) const fn bytes<const N: usize>(camel: &str) -> [u8; N] {
        let camel = camel.as_bytes();
        let mut out = [0u8; N];
        let (mut i, mut j) = (0, 0);
        while i < camel.len() {
            if camel[i].is_ascii_uppercase() {
                if i > 0 {
                    out[j] = b'_';
                    j += 1;
                }
                out[j] = camel[i].to_ascii_lowercase();
            } else {
                out[j] = camel[i];
            }
            i += 1;
            j += 1;
        }
        out
    }

    /// The bytes as text; they are always ASCII, as Rust identifiers of the privilege enums are.
    // Only ever evaluated in a `const` item: a panic here is a compile error, never a runtime one.
    #[allow(clippy::panic)]
    pub(crate) const fn as_str(bytes: &[u8]) -> &str {
        match core::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => panic!("snake_case! takes an ASCII identifier"),
        }
    }
}

/// A service's privilege enum and its [`Privilege`](super::Privilege) implementation.
macro_rules! privilege_enum {
    (
        $(#[$meta:meta])*
        $name:ident for $service:ident, expected $expected:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl Privilege for $name {
            const SERVICE: ServiceType = ServiceType::$service;
            const ALL: &'static [Self] = &[$($name::$variant),*];
            const NAMES: &'static [(&'static str, u16)] = &[$( (snake_case!($variant), $code) ),*];

            fn code(self) -> u16 {
                match self { $( $name::$variant => $code, )* }
            }

            fn name(self) -> &'static str {
                match self { $( $name::$variant => $label, )* }
            }

            fn identifier(self) -> &'static str {
                match self { $( $name::$variant => snake_case!($variant), )* }
            }

            fn from_code(code: u16) -> Result<Self> {
                Self::ALL.iter().copied().find(|p| p.code() == code).ok_or(Error::UnknownPrivilege {
                    service: ServiceType::$service.name(),
                    value: code,
                    expected: $expected,
                })
            }
        }
    };
}
