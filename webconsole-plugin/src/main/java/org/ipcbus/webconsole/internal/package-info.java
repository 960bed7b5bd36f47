/**
 * The Felix Web Console plugin of ipcbus: the tab IPC, its JSON endpoint and its actions. Private
 * to the bundle; it reads only the public API ({@code org.ipcbus.api.runtime.IpcRuntime} and its
 * DTOs, {@code IpcMain}, {@code IpcRenderer}).
 */
package org.ipcbus.webconsole.internal;
