/**
 * Introspection of a running ipcbus, in the style of the HTTP and JAX-RS Whiteboard runtimes: the
 * {@link org.ipcbus.api.runtime.IpcRuntime} service describes channels, renderers, counters and the
 * whiteboard services that could not be wired, as data transfer objects.
 */
@Export
@Version("1.2.0")
package org.ipcbus.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
