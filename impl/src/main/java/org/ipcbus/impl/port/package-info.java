/**
 * MessagePorts: {@code MessageChannelMain} and {@code MessagePortMain}. Plain Java below the bus:
 * a port knows only who holds it ({@link org.ipcbus.impl.port.PortHolder}: a queue to run on and a
 * name), so that the bus gives each renderer and main a holder and ports never need the bus.
 */
package org.ipcbus.impl.port;
