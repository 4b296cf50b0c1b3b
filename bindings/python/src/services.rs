//! The services of a 007 token (`RtcService`, `RtmService`, ...) and `Rtm2Permissions`.
//!
//! Each class wraps the core struct of the same name. Privileges are given as a mapping of
//! privilege number (or the `RtcPrivilege`, ... enum member) to expiry in seconds; the core
//! refuses numbers its service does not define. Decoded tokens return the same classes.
//!
//! The service classes are declared once, in the `py_services!` list at the end: each entry
//! becomes the class, its arms of `service_to_py`/`service_from_py`, its registration, its part
//! of `_native.pyi`, and its `ServiceType` member, privilege `IntEnum` and export in
//! `agora_token/_services.py` (both generated: `scripts/test-python.sh --update-generated`
//! rewrites them, and a test fails when they drift). `Rtm2Permissions` is not a service and stays
//! hand-written.

use std::collections::BTreeMap;

use agora_token::{Privilege, Privileges, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Service, ServiceType};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{i16_arg, repr, seconds_arg, str_repr, u16_arg, user_arg};
use crate::errors::CoreResultExt;

/// Reads `{privilege number: expiry seconds or timedelta}`; the core checks each number.
fn privileges_from<P: Privilege>(mapping: Option<&Bound<'_, PyAny>>) -> PyResult<Privileges<P>> {
    let mut privileges = Privileges::default();
    let Some(mapping) = mapping else {
        return Ok(privileges);
    };
    let items = match mapping.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => mapping.call_method0("items").map_err(|_| {
            PyTypeError::new_err("privileges must be a mapping of privilege number to expiry (seconds or timedelta)")
        })?,
    };
    for item in items.try_iter()? {
        let (privilege, expire): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        let code = u16_arg(&privilege, "privilege")?;
        let expire = seconds_arg(&expire, "privilege expire")?;
        privileges.set_code(code, expire).or_raise()?;
    }
    Ok(privileges)
}

/// `Name(field=value, ..., privileges={1: 600})`.
fn service_repr(name: &str, fields: &[(&str, String)], privileges: &BTreeMap<u16, u32>) -> String {
    let mut parts: Vec<String> = fields.iter().map(|(key, value)| format!("{key}={value}")).collect();
    let entries: Vec<String> = privileges.iter().map(|(code, expire)| format!("{code}: {expire}")).collect();
    parts.push(format!("privileges={{{}}}", entries.join(", ")));
    format!("{name}({})", parts.join(", "))
}

/// RTM2 resource permissions: for each (resource type, permission type) pair, a list of
/// resource names (kept in order, duplicates kept). Adding a pair again replaces its list.
#[pyclass(module = "agora_token._native", name = "Rtm2Permissions", eq)]
#[derive(PartialEq, Clone, Default)]
pub(crate) struct PyRtm2Permissions {
    pub(crate) inner: Rtm2Permissions,
}

#[pymethods]
impl PyRtm2Permissions {
    #[new]
    fn new() -> Self {
        PyRtm2Permissions::default()
    }

    /// Sets the resources of a (resource type, permission type) pair.
    fn add(
        &mut self,
        resource_type: &Bound<'_, PyAny>,
        permission_type: &Bound<'_, PyAny>,
        resources: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let resource = Rtm2ResourceType::from_code(u16_arg(resource_type, "resource_type")?).or_raise()?;
        let permission = Rtm2PermissionType::from_code(u16_arg(permission_type, "permission_type")?).or_raise()?;
        // A str is iterable, but its characters are not resource names.
        if resources.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err("resources must be a list of names, not a str"));
        }
        let names = resources.try_iter()?.map(|name| name?.extract::<String>()).collect::<PyResult<Vec<String>>>()?;
        self.inner.add(resource, permission, names);
        Ok(())
    }

    /// Every (resource type, permission type, resources), both types ascending.
    fn items(&self) -> Vec<(u16, u16, Vec<String>)> {
        self.inner.iter().map(|(resource, permission, names)| (resource, permission, names.to_vec())).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.iter().count()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let entries: Vec<String> = self
            .inner
            .iter()
            .map(|(resource, permission, names)| {
                let names: Vec<String> = names.iter().map(|name| str_repr(py, name)).collect();
                format!("({resource}, {permission}, [{}])", names.join(", "))
            })
            .collect();
        format!("Rtm2Permissions([{}])", entries.join(", "))
    }
}

/// How a core service field is seen from Python: its getter's value, its part of `__repr__` and
/// its type in the stub (implemented for each field type the core's service table uses).
trait PyServiceField {
    /// The getter's type in `_native.pyi`.
    const STUB_TYPE: &'static str;
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    fn py_repr(&self, py: Python<'_>) -> String;
}

impl PyServiceField for String {
    const STUB_TYPE: &'static str = "str";
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
    fn py_repr(&self, py: Python<'_>) -> String {
        str_repr(py, self)
    }
}

impl PyServiceField for i16 {
    const STUB_TYPE: &'static str = "int";
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
    fn py_repr(&self, _py: Python<'_>) -> String {
        self.to_string()
    }
}

impl PyServiceField for Rtm2Permissions {
    const STUB_TYPE: &'static str = "Rtm2Permissions";
    /// A copy: the service is frozen, and the permissions object is mutable.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyRtm2Permissions { inner: self.clone() })?.into_any())
    }
    fn py_repr(&self, py: Python<'_>) -> String {
        PyRtm2Permissions { inner: self.clone() }.__repr__(py)
    }
}

// The constructor arguments' conversions, named in the `py_services!` list (`=> field via ...`).

/// A `str` argument, kept as given.
fn text(value: impl Into<String>, _name: &str) -> PyResult<String> {
    Ok(value.into())
}

/// An int uid or a str account, as packed (see `user_arg`).
fn user_wire(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    Ok(user_arg(value, name)?.to_wire_string())
}

/// The APaaS role; left out, the role of user and app tokens (`APAAS_NO_ROLE`, -1).
fn apaas_role(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<i16> {
    value.map_or(Ok(agora_token::APAAS_NO_ROLE), |role| i16_arg(role, name))
}

/// The RTM2 permissions (a copy); left out, none.
fn rtm2_permissions(value: Option<PyRef<'_, PyRtm2Permissions>>, _name: &str) -> PyResult<Rtm2Permissions> {
    Ok(value.map(|permissions| permissions.inner.clone()).unwrap_or_default())
}

/// The `privileges` getter's docstring: the usual one, or the entry's own.
macro_rules! privileges_doc {
    () => {
        "Privilege number -> expiry in seconds after the issue time."
    };
    ($doc:literal) => {
        $doc
    };
}

/// Expands the list of Python service classes, one entry per core service (the core's
/// `services!` table is the source of the fields; this list says how Python spells them):
///
/// ```text
/// Variant(CoreStruct => PyWrapper) = type number, "PythonName", "class docstring"
///     [, privileges "the privileges getter's docstring, when the usual one does not fit"]
///     [, text_signature "(...)", when pyo3's differs: it writes a default `""` as `""`, Python as `''`] {
///     python_argument: RustArgumentType [= default, one token] => core_field via conversion,
///         "stub argument type", "getter docstring";
/// }
/// ```
///
/// Each entry becomes a frozen `#[pyclass]` with a keyword-only constructor, a getter per field,
/// `service_type`, `privileges`, `__repr__` and equality, and its part of `service_to_py`,
/// `service_from_py`, `register` and the generated stub (`service_stubs`). A core field the entry
/// forgets fails to compile (the struct literal in the constructor names every field). A default
/// is one token (`None`, `""`) because pyo3 renders only plain literals and `None` into
/// `__text_signature__` (anything else, or a macro fragment `expr`, becomes `...`).
macro_rules! py_services {
    ($(
        $variant:ident($core:ident => $class:ident) = $code:literal, $name:literal, $doc:literal
        $(, privileges $pdoc:literal)? $(, text_signature $sig:literal)? {
            $(
                $arg:ident: $argty:ty $(= $default:tt)? => $field:ident via $convert:ident,
                    $stub:literal, $fdoc:literal;
            )*
        }
    )*) => {
        $(
            #[doc = $doc]
            #[pyclass(module = "agora_token._native", name = $name, frozen, eq)]
            #[derive(PartialEq)]
            pub(crate) struct $class {
                pub(crate) inner: agora_token::$core,
            }

            #[pymethods]
            impl $class {
                #[new]
                #[pyo3(signature = (*, $($arg $(= $default)?,)* privileges = None) $(, text_signature = $sig)?)]
                fn new($($arg: $argty,)* privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
                    let inner = agora_token::$core {
                        $( $field: $convert($arg, stringify!($arg))?, )*
                        privileges: privileges_from(privileges)?,
                    };
                    Ok($class { inner })
                }

                #[doc = concat!("The service type number, ", $code, ".")]
                #[getter]
                fn service_type(&self) -> u16 {
                    ServiceType::$variant.code()
                }

                $(
                    #[doc = $fdoc]
                    #[getter]
                    fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                        self.inner.$field.to_py(py)
                    }
                )*

                #[doc = privileges_doc!($($pdoc)?)]
                #[getter]
                fn privileges(&self) -> BTreeMap<u16, u32> {
                    self.inner.privileges.as_map().clone()
                }

                // Services without fields do not use `py`.
                #[allow(unused_variables)]
                fn __repr__(&self, py: Python<'_>) -> String {
                    let fields = [$( (stringify!($field), self.inner.$field.py_repr(py)) ),*];
                    service_repr($name, &fields, self.inner.privileges.as_map())
                }
            }
        )*

        /// The Python object for a core service (decoded tokens, `TokenBuilder.services`).
        pub(crate) fn service_to_py(py: Python<'_>, service: &Service) -> PyResult<Py<PyAny>> {
            Ok(match service {
                $( Service::$variant(s) => Py::new(py, $class { inner: s.clone() })?.into_any(), )*
            })
        }

        /// The core service of a Python service object.
        pub(crate) fn service_from_py(value: &Bound<'_, PyAny>) -> PyResult<Service> {
            $(
                if let Ok(s) = value.cast::<$class>() {
                    return Ok(s.get().inner.clone().into());
                }
            )*
            let classes = [$( $name ),*];
            Err(PyTypeError::new_err(format!(
                "service must be one of {}, not {}",
                classes.join(", "),
                repr(&value.get_type().into_any())
            )))
        }

        // An entry's type number (the one its docstrings show) is the core's, checked when compiling.
        $( const _: () = assert!(ServiceType::$variant.code() == $code, concat!($name, ": its type number is not the core's")); )*

        /// Adds the service classes.
        fn add_service_classes(module: &Bound<'_, PyModule>) -> PyResult<()> {
            $( module.add_class::<$class>()?; )*
            Ok(())
        }

        /// The service classes' part of `_native.pyi`, from the same entries (see
        /// `STUB_BEGIN`); the Python suite checks that the checked-in stub holds exactly this.
        fn service_stubs() -> String {
            let mut stubs = String::new();
            $(
                let arguments: &[(&str, &str)] = &[$( (stringify!($arg), $stub) ),*];
                let getters: &[(&str, &str, &str)] =
                    &[$( (stringify!($field), stub_type_of(|service: &agora_token::$core| &service.$field), $fdoc) ),*];
                stubs.push_str(&class_stub($name, $doc, $code, arguments, getters, privileges_doc!($($pdoc)?)));
            )*
            let names = [$( format!("    \"{}\",\n", $name) ),*].concat();
            stubs.push_str(&format!("_Service = Union[\n{names}]\n\n__all__ += [\n{names}]\n"));
            stubs
        }

        /// `agora_token/_services.py`, generated whole from the same entries and the core's
        /// tables; the Python suite checks that the checked-in file is exactly this.
        fn services_module() -> String {
            services_module_text(&[$( ServiceEntry {
                service_type: ServiceType::$variant,
                variant: stringify!($variant),
                class: $name,
                doc: $doc,
            } ),*])
        }
    };
}

/// What `services_module_text` needs of a `py_services!` entry.
struct ServiceEntry {
    service_type: ServiceType,
    /// The core's `ServiceType` variant, e.g. `"ConvoAi"`; `CONVO_AI` in Python.
    variant: &'static str,
    /// The Python class, e.g. `"RtcService"`; its privileges are `RtcPrivilege`.
    class: &'static str,
    doc: &'static str,
}

/// `ConvoAi` -> `CONVO_AI`, `Rtm2` -> `RTM2`: a Rust variant as a Python enum member.
fn upper_snake(variant: &str) -> String {
    let mut name = String::new();
    for (index, character) in variant.chars().enumerate() {
        if index > 0 && character.is_ascii_uppercase() {
            name.push('_');
        }
        name.push(character.to_ascii_uppercase());
    }
    name
}

/// The text of `_services.py`: `ServiceType`, the service classes (re-exported from `_native`), an
/// `IntEnum` of each service's privileges named after its class (`RtcService`, `RtcPrivilege`;
/// none for a service that defines no privileges), the members being the core's privilege names
/// in upper case, and `__all__`, which the package's `__init__.py` adds to its own.
fn services_module_text(entries: &[ServiceEntry]) -> String {
    let mut module = String::from(SERVICES_MODULE_HEADER);
    let mut exported = vec!["ServiceType".to_owned()];
    module.push_str("from ._native import (\n");
    for entry in entries {
        module.push_str(&format!("    {},\n", entry.class));
    }
    module.push_str(")\n\n\nclass ServiceType(IntEnum):\n    \"\"\"The service types of the 007 format.\"\"\"\n\n");
    for entry in entries {
        module.push_str(&format!(
            "    #: {}\n    {} = {}\n",
            entry.doc,
            upper_snake(entry.variant),
            entry.service_type.code()
        ));
    }
    for entry in entries {
        exported.push(entry.class.to_owned());
        let privileges = entry.service_type.privileges();
        if privileges.is_empty() {
            continue;
        }
        let enum_name = format!("{}Privilege", entry.class.trim_end_matches("Service"));
        module.push_str(&format!(
            "\n\nclass {enum_name}(IntEnum):\n    \"\"\"Privileges of the {} service ({}).\"\"\"\n\n",
            entry.service_type.name(),
            entry.class
        ));
        for (name, code) in privileges {
            module.push_str(&format!("    {} = {code}\n", name.to_ascii_uppercase()));
        }
        exported.push(enum_name);
    }
    module.push_str("\n\n__all__ = [\n");
    for name in exported {
        module.push_str(&format!("    \"{name}\",\n"));
    }
    module.push_str("]\n");
    module
}

/// The start of `_services.py`.
const SERVICES_MODULE_HEADER: &str = "\
# Generated by bindings/python/src/services.rs from its py_services! list and the core's service
# table: do not edit. `scripts/test-python.sh --update-generated` rewrites it, and a test fails
# when the checked-in file differs.
\"\"\"The services of the 007 format: ``ServiceType``, the service classes, and each service's
privileges as an ``IntEnum`` of the wire numbers (so its members are also plain ints).\"\"\"

from enum import IntEnum

";

/// The field's type in the stub; the closure only names the field (its type is the core's).
fn stub_type_of<S, F: PyServiceField>(_field: impl Fn(&S) -> &F) -> &'static str {
    F::STUB_TYPE
}

/// One service class of `_native.pyi`: `arguments` are the constructor's (name, stub type and
/// default), `getters` the fields' (name, type, docstring).
fn class_stub(
    name: &str,
    doc: &str,
    code: u16,
    arguments: &[(&str, &str)],
    getters: &[(&str, &str, &str)],
    privileges_doc: &str,
) -> String {
    let mut stub =
        format!("@final\nclass {name}:\n    \"\"\"{doc}\"\"\"\n\n    def __new__(\n        cls,\n        *,\n");
    for (argument, stub_type) in arguments {
        stub.push_str(&format!("        {argument}: {stub_type},\n"));
    }
    stub.push_str("        privileges: Optional[Mapping[int, _Seconds]] = None,\n    ) -> Self: ...\n");
    let property = |name: &str, stub_type: &str, doc: &str| {
        format!("    @property\n    def {name}(self) -> {stub_type}:\n        \"\"\"{doc}\"\"\"\n")
    };
    stub.push_str(&property("service_type", "int", &format!("The service type number, {code}.")));
    for (getter, stub_type, doc) in getters {
        stub.push_str(&property(getter, stub_type, doc));
    }
    stub.push_str(&property("privileges", "dict[int, int]", privileges_doc));
    stub.push('\n');
    stub
}

// The Python service classes: one entry per core service, in the core's order.
py_services! {
    Rtc(RtcService => PyRtcService) = 1, "RtcService", "RTC (type 1): join a channel and publish streams." {
        channel_name: String => channel_name via text, "str", "The channel name; \"\" or \"*\" means any channel.";
        user: &Bound<'_, PyAny> => uid via user_wire, "_User",
            "The uid as packed: \"\" for any user (numeric uid 0), else the decimal uid or the account.";
    }
    Rtm(RtmService => PyRtmService) = 2, "RtmService", "RTM (type 2): log in to real-time messaging." {
        user_id: String => user_id via text, "str", "The RTM user id.";
    }
    Streaming(StreamingService => PyStreamingService) = 3, "StreamingService",
        "Streaming (type 3): publish mixed or raw streams." {
        channel_name: String => channel_name via text, "str", "The channel name.";
        user: &Bound<'_, PyAny> => account via user_wire, "_User", "The account as packed (\"\" for numeric uid 0).";
    }
    Fpa(FpaService => PyFpaService) = 4, "FpaService", "FPA (type 4)." {}
    Chat(ChatService => PyChatService) = 5, "ChatService", "Chat (type 5)." {
        user_id: String => user_id via text, "str", "The chat user id (\"\" for app tokens).";
    }
    Fcdn(FcdnService => PyFcdnService) = 6, "FcdnService", "FCDN (type 6)." {
        channel_name: String => channel_name via text, "str", "The channel name.";
        user: &Bound<'_, PyAny> => account via user_wire, "_User", "The account as packed (\"\" for numeric uid 0).";
    }
    Apaas(ApaasService => PyApaasService) = 7, "ApaasService", "APaaS / Flexible Classroom / Education (type 7).",
        text_signature "(*, room_uuid='', user_uuid='', role=None, privileges=None)" {
        room_uuid: &str = "" => room_uuid via text, "str = \"\"", "The room uuid (\"\" for user and app tokens).";
        user_uuid: &str = "" => user_uuid via text, "str = \"\"", "The user uuid (\"\" for app tokens).";
        role: Option<&Bound<'_, PyAny>> = None => role via apaas_role, "Optional[int] = None",
            "The role in the room; -1 when unused.";
    }
    Rtm2(Rtm2Service => PyRtm2Service) = 8, "Rtm2Service", "RTM2 (type 8): RTM login with resource permissions." {
        user_id: String => user_id via text, "str", "The RTM user id.";
        permissions: Option<PyRef<'_, PyRtm2Permissions>> = None => permissions via rtm2_permissions,
            "Optional[Rtm2Permissions] = None", "A copy of the resource permissions.";
    }
    ConvoAi(ConvoAiService => PyConvoAiService) = 9, "ConvoAiService",
        "Conversational AI (type 9): no fields, no privileges; its presence is the grant.",
        privileges "Privilege number -> expiry (ConvoAI defines none; a decoded token may still hold some)." {}
    Stt(SttService => PySttService) = 10, "SttService",
        "Speech-to-text (type 10): no fields, no privileges; its presence is the grant.",
        privileges "Privilege number -> expiry (STT defines none; a decoded token may still hold some)." {}
}

/// Where the generated part of `_native.pyi` begins and ends.
const STUB_BEGIN: &str = "# <generated by bindings/python/src/services.rs: the service classes>\n";
const STUB_END: &str = "# </generated>\n";

/// `_native._service_stubs()`: the service classes' part of `_native.pyi` between its markers
/// (private: the Python suite's drift check and `scripts/test-python.sh --update-generated` read it).
#[pyfunction]
#[pyo3(name = "_service_stubs")]
fn service_stubs_with_markers() -> String {
    format!("{STUB_BEGIN}{}{STUB_END}", service_stubs())
}

/// `_native._services_module()`: the text of `agora_token/_services.py` (private, read as
/// `_service_stubs()` is).
#[pyfunction]
#[pyo3(name = "_services_module")]
fn services_module_function() -> String {
    services_module()
}

/// Adds the service classes and `Rtm2Permissions`, the private `_service_stubs()` and
/// `_services_module()`, and `SERVICE_TYPES` ({type number: name}), `PRIVILEGES` ({type number:
/// {privilege name: number}}) and `PRIVILEGES_006` ({privilege name: number}), the core's tables
/// (`ServiceType::ALL`, `ServiceType::privileges`, `Privilege006::NAMES`), so the hand-written
/// 006 enum and the drop-in constants are checked against the core instead of trusted.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    add_service_classes(module)?;
    module.add_class::<PyRtm2Permissions>()?;
    // setattr, not add: a private helper stays out of `__all__` (and so out of the public API).
    module.setattr("_service_stubs", wrap_pyfunction!(service_stubs_with_markers, module)?)?;
    module.setattr("_services_module", wrap_pyfunction!(services_module_function, module)?)?;
    let types: BTreeMap<u16, &str> = ServiceType::ALL.iter().map(|t| (t.code(), t.name())).collect();
    module.add("SERVICE_TYPES", types)?;
    // Insertion-ordered dicts: the privileges ascending by number, as the core lists them.
    let privileges = PyDict::new(module.py());
    for service_type in ServiceType::ALL {
        let names = PyDict::new(module.py());
        for &(name, code) in service_type.privileges() {
            names.set_item(name, code)?;
        }
        privileges.set_item(service_type.code(), names)?;
    }
    module.add("PRIVILEGES", privileges)?;
    let privileges_006 = PyDict::new(module.py());
    for &(name, code) in agora_token::legacy::access_token::Privilege006::NAMES {
        privileges_006.set_item(name, code)?;
    }
    module.add("PRIVILEGES_006", privileges_006)?;
    Ok(())
}
