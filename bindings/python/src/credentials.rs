//! `Credentials`: the core's validated app id + app certificate pair.

use agora_token::Credentials;
use pyo3::prelude::*;

use crate::convert::str_repr;
use crate::errors::CoreResultExt;

/// An app id and its app certificate, both checked to be 32 hexadecimal characters.
///
/// The certificate cannot be read back, is never shown by `repr()` and is wiped from the
/// library's memory when the object is freed.
#[pyclass(module = "agora_token._native", name = "Credentials", frozen)]
pub(crate) struct PyCredentials {
    pub(crate) inner: Credentials,
}

#[pymethods]
impl PyCredentials {
    #[new]
    #[pyo3(signature = (app_id, app_certificate))]
    fn new(app_id: String, app_certificate: String) -> PyResult<Self> {
        Ok(PyCredentials { inner: Credentials::new(&app_id, &app_certificate).or_raise()? })
    }

    /// Reads AGORA_APP_ID and AGORA_APP_CERTIFICATE from the environment; the error names
    /// the variable that is missing.
    #[staticmethod]
    fn from_env() -> PyResult<Self> {
        Ok(PyCredentials { inner: Credentials::from_env().or_raise()? })
    }

    /// The app id, as given.
    #[getter]
    fn app_id(&self) -> &str {
        self.inner.app_id().as_str()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Credentials(app_id={}, app_certificate=<redacted>)", str_repr(py, self.inner.app_id().as_str()))
    }
}
