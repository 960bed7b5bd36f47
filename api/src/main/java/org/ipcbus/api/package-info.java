/**
 * ipcbus: Electron's {@code ipcMain}/{@code ipcRenderer} model as OSGi services.
 *
 * <p>{@link org.ipcbus.api.IpcMain} is the main process side: one service, shared by every bundle.
 * {@link org.ipcbus.api.IpcRenderer} is the renderer side: each bundle that gets it is one renderer
 * with its own {@link org.ipcbus.api.WebContents}. Listeners and handlers may also be registered as
 * whiteboard services with the service property {@link org.ipcbus.api.IpcConstants#CHANNEL}.
 *
 * <p>Every argument and reply is cloned to plain data when it is sent (see
 * {@link org.ipcbus.api.DataCloneException}), so senders and receivers never share mutable objects.
 */
@Export
@Version("1.2.0")
package org.ipcbus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
