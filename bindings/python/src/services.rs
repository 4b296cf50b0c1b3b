//! The services of a 007 token (`RtcService`, `RtmService`, ...) and `Rtm2Permissions`.
//!
//! Each class wraps the core struct of the same name. Privileges are given as a mapping of
//! privilege number (or the `RtcPrivilege`, ... enum member) to expiry in seconds; the core
//! refuses numbers its service does not define. Decoded tokens return the same classes.

use std::collections::BTreeMap;

use agora_token::{
    ApaasPrivilege, ApaasService, ChatPrivilege, ChatService, ConvoAiPrivilege, ConvoAiService, FcdnPrivilege,
    FcdnService, FpaPrivilege, FpaService, Privilege, Privileges, RtcPrivilege, RtcService, Rtm2PermissionType,
    Rtm2Permissions, Rtm2Privilege, Rtm2ResourceType, Rtm2Service, RtmPrivilege, RtmService, Service, ServiceType,
    StreamingPrivilege, StreamingService, SttPrivilege, SttService,
};
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

/// RTC (type 1): join a channel and publish streams.
#[pyclass(module = "agora_token._native", name = "RtcService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyRtcService {
    pub(crate) inner: RtcService,
}

#[pymethods]
impl PyRtcService {
    #[new]
    #[pyo3(signature = (*, channel_name, user, privileges = None))]
    fn new(channel_name: String, user: &Bound<'_, PyAny>, privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = RtcService::new(channel_name, user_arg(user, "user")?);
        inner.privileges = privileges_from::<RtcPrivilege>(privileges)?;
        Ok(PyRtcService { inner })
    }

    /// The service type number, 1.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Rtc.code()
    }

    /// The channel name; "" or "*" means any channel.
    #[getter]
    fn channel_name(&self) -> &str {
        &self.inner.channel_name
    }

    /// The uid as packed: "" for any user (numeric uid 0), else the decimal uid or the account.
    #[getter]
    fn uid(&self) -> &str {
        &self.inner.uid
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let fields = [("channel_name", str_repr(py, &self.inner.channel_name)), ("uid", str_repr(py, &self.inner.uid))];
        service_repr("RtcService", &fields, self.inner.privileges.as_map())
    }
}

/// RTM (type 2): log in to real-time messaging.
#[pyclass(module = "agora_token._native", name = "RtmService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyRtmService {
    pub(crate) inner: RtmService,
}

#[pymethods]
impl PyRtmService {
    #[new]
    #[pyo3(signature = (*, user_id, privileges = None))]
    fn new(user_id: String, privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = RtmService::new(user_id);
        inner.privileges = privileges_from::<RtmPrivilege>(privileges)?;
        Ok(PyRtmService { inner })
    }

    /// The service type number, 2.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Rtm.code()
    }

    /// The RTM user id.
    #[getter]
    fn user_id(&self) -> &str {
        &self.inner.user_id
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        service_repr("RtmService", &[("user_id", str_repr(py, &self.inner.user_id))], self.inner.privileges.as_map())
    }
}

/// Streaming (type 3): publish mixed or raw streams.
#[pyclass(module = "agora_token._native", name = "StreamingService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyStreamingService {
    pub(crate) inner: StreamingService,
}

#[pymethods]
impl PyStreamingService {
    #[new]
    #[pyo3(signature = (*, channel_name, user, privileges = None))]
    fn new(channel_name: String, user: &Bound<'_, PyAny>, privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = StreamingService::new(channel_name, user_arg(user, "user")?);
        inner.privileges = privileges_from::<StreamingPrivilege>(privileges)?;
        Ok(PyStreamingService { inner })
    }

    /// The service type number, 3.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Streaming.code()
    }

    /// The channel name.
    #[getter]
    fn channel_name(&self) -> &str {
        &self.inner.channel_name
    }

    /// The account as packed ("" for numeric uid 0).
    #[getter]
    fn account(&self) -> &str {
        &self.inner.account
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let fields =
            [("channel_name", str_repr(py, &self.inner.channel_name)), ("account", str_repr(py, &self.inner.account))];
        service_repr("StreamingService", &fields, self.inner.privileges.as_map())
    }
}

/// FPA (type 4).
#[pyclass(module = "agora_token._native", name = "FpaService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyFpaService {
    pub(crate) inner: FpaService,
}

#[pymethods]
impl PyFpaService {
    #[new]
    #[pyo3(signature = (*, privileges = None))]
    fn new(privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = FpaService::new();
        inner.privileges = privileges_from::<FpaPrivilege>(privileges)?;
        Ok(PyFpaService { inner })
    }

    /// The service type number, 4.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Fpa.code()
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self) -> String {
        service_repr("FpaService", &[], self.inner.privileges.as_map())
    }
}

/// Chat (type 5).
#[pyclass(module = "agora_token._native", name = "ChatService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyChatService {
    pub(crate) inner: ChatService,
}

#[pymethods]
impl PyChatService {
    #[new]
    #[pyo3(signature = (*, user_id, privileges = None))]
    fn new(user_id: String, privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = ChatService::new(user_id);
        inner.privileges = privileges_from::<ChatPrivilege>(privileges)?;
        Ok(PyChatService { inner })
    }

    /// The service type number, 5.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Chat.code()
    }

    /// The chat user id ("" for app tokens).
    #[getter]
    fn user_id(&self) -> &str {
        &self.inner.user_id
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        service_repr("ChatService", &[("user_id", str_repr(py, &self.inner.user_id))], self.inner.privileges.as_map())
    }
}

/// FCDN (type 6).
#[pyclass(module = "agora_token._native", name = "FcdnService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyFcdnService {
    pub(crate) inner: FcdnService,
}

#[pymethods]
impl PyFcdnService {
    #[new]
    #[pyo3(signature = (*, channel_name, user, privileges = None))]
    fn new(channel_name: String, user: &Bound<'_, PyAny>, privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = FcdnService::new(channel_name, user_arg(user, "user")?);
        inner.privileges = privileges_from::<FcdnPrivilege>(privileges)?;
        Ok(PyFcdnService { inner })
    }

    /// The service type number, 6.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Fcdn.code()
    }

    /// The channel name.
    #[getter]
    fn channel_name(&self) -> &str {
        &self.inner.channel_name
    }

    /// The account as packed ("" for numeric uid 0).
    #[getter]
    fn account(&self) -> &str {
        &self.inner.account
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let fields =
            [("channel_name", str_repr(py, &self.inner.channel_name)), ("account", str_repr(py, &self.inner.account))];
        service_repr("FcdnService", &fields, self.inner.privileges.as_map())
    }
}

/// APaaS / Flexible Classroom / Education (type 7).
#[pyclass(module = "agora_token._native", name = "ApaasService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyApaasService {
    pub(crate) inner: ApaasService,
}

#[pymethods]
impl PyApaasService {
    #[new]
    #[pyo3(
        signature = (*, room_uuid = String::new(), user_uuid = String::new(), role = None, privileges = None),
        text_signature = "(*, room_uuid='', user_uuid='', role=None, privileges=None)"
    )]
    fn new(
        room_uuid: String,
        user_uuid: String,
        role: Option<&Bound<'_, PyAny>>,
        privileges: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let role = match role {
            Some(role) => i16_arg(role, "role")?,
            None => agora_token::APAAS_NO_ROLE,
        };
        let mut inner = ApaasService::new(room_uuid, user_uuid, role);
        inner.privileges = privileges_from::<ApaasPrivilege>(privileges)?;
        Ok(PyApaasService { inner })
    }

    /// The service type number, 7.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Apaas.code()
    }

    /// The room uuid ("" for user and app tokens).
    #[getter]
    fn room_uuid(&self) -> &str {
        &self.inner.room_uuid
    }

    /// The user uuid ("" for app tokens).
    #[getter]
    fn user_uuid(&self) -> &str {
        &self.inner.user_uuid
    }

    /// The role in the room; -1 when unused.
    #[getter]
    fn role(&self) -> i16 {
        self.inner.role
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let fields = [
            ("room_uuid", str_repr(py, &self.inner.room_uuid)),
            ("user_uuid", str_repr(py, &self.inner.user_uuid)),
            ("role", self.inner.role.to_string()),
        ];
        service_repr("ApaasService", &fields, self.inner.privileges.as_map())
    }
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

/// RTM2 (type 8): RTM login with resource permissions.
#[pyclass(module = "agora_token._native", name = "Rtm2Service", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyRtm2Service {
    pub(crate) inner: Rtm2Service,
}

#[pymethods]
impl PyRtm2Service {
    #[new]
    #[pyo3(signature = (*, user_id, permissions = None, privileges = None))]
    fn new(
        user_id: String,
        permissions: Option<PyRef<'_, PyRtm2Permissions>>,
        privileges: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let permissions = permissions.map(|p| p.inner.clone()).unwrap_or_default();
        let mut inner = Rtm2Service::new(user_id, permissions);
        inner.privileges = privileges_from::<Rtm2Privilege>(privileges)?;
        Ok(PyRtm2Service { inner })
    }

    /// The service type number, 8.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Rtm2.code()
    }

    /// The RTM user id.
    #[getter]
    fn user_id(&self) -> &str {
        &self.inner.user_id
    }

    /// A copy of the resource permissions.
    #[getter]
    fn permissions(&self) -> PyRtm2Permissions {
        PyRtm2Permissions { inner: self.inner.permissions.clone() }
    }

    /// Privilege number -> expiry in seconds after the issue time.
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let permissions = PyRtm2Permissions { inner: self.inner.permissions.clone() }.__repr__(py);
        let fields = [("user_id", str_repr(py, &self.inner.user_id)), ("permissions", permissions)];
        service_repr("Rtm2Service", &fields, self.inner.privileges.as_map())
    }
}

/// Conversational AI (type 9): no fields, no privileges; its presence is the grant.
#[pyclass(module = "agora_token._native", name = "ConvoAiService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PyConvoAiService {
    pub(crate) inner: ConvoAiService,
}

#[pymethods]
impl PyConvoAiService {
    /// `privileges` exists for symmetry: the service defines none, so any number is refused.
    #[new]
    #[pyo3(signature = (*, privileges = None))]
    fn new(privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = ConvoAiService::new();
        inner.privileges = privileges_from::<ConvoAiPrivilege>(privileges)?;
        Ok(PyConvoAiService { inner })
    }

    /// The service type number, 9.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::ConvoAi.code()
    }

    /// Privilege number -> expiry (ConvoAI defines none; a decoded token may still hold some).
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self) -> String {
        service_repr("ConvoAiService", &[], self.inner.privileges.as_map())
    }
}

/// Speech-to-text (type 10): no fields, no privileges; its presence is the grant.
#[pyclass(module = "agora_token._native", name = "SttService", frozen, eq)]
#[derive(PartialEq)]
pub(crate) struct PySttService {
    pub(crate) inner: SttService,
}

#[pymethods]
impl PySttService {
    /// `privileges` exists for symmetry: the service defines none, so any number is refused.
    #[new]
    #[pyo3(signature = (*, privileges = None))]
    fn new(privileges: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut inner = SttService::new();
        inner.privileges = privileges_from::<SttPrivilege>(privileges)?;
        Ok(PySttService { inner })
    }

    /// The service type number, 10.
    #[getter]
    fn service_type(&self) -> u16 {
        ServiceType::Stt.code()
    }

    /// Privilege number -> expiry (STT defines none; a decoded token may still hold some).
    #[getter]
    fn privileges(&self) -> BTreeMap<u16, u32> {
        self.inner.privileges.as_map().clone()
    }

    fn __repr__(&self) -> String {
        service_repr("SttService", &[], self.inner.privileges.as_map())
    }
}

/// The Python class of each core service: the one list `service_to_py` and `service_from_py`
/// are generated from (a new core service is one line here, besides its class).
macro_rules! py_services {
    ($($variant:ident => $class:ident),* $(,)?) => {
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
            let classes = [$( value.py().get_type::<$class>().name()?.to_string() ),*];
            Err(PyTypeError::new_err(format!(
                "service must be one of {}, not {}",
                classes.join(", "),
                repr(&value.get_type().into_any())
            )))
        }
    };
}

py_services! {
    Rtc => PyRtcService,
    Rtm => PyRtmService,
    Streaming => PyStreamingService,
    Fpa => PyFpaService,
    Chat => PyChatService,
    Fcdn => PyFcdnService,
    Apaas => PyApaasService,
    Rtm2 => PyRtm2Service,
    ConvoAi => PyConvoAiService,
    Stt => PySttService,
}

/// Adds `SERVICE_TYPES` ({type number: name}), `PRIVILEGES` ({type number: {privilege name:
/// number}}) and `PRIVILEGES_006` ({privilege name: number}), the core's tables
/// (`ServiceType::ALL`, `ServiceType::privileges`, `Privilege006::NAMES`), so the Python enums and
/// the drop-in constants are checked against the core instead of trusted.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
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
