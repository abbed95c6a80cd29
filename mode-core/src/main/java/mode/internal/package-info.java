/**
 * Runtime internals shared by the packages of this module and not exported: the event hub
 * through which every observable change goes ({@link mode.internal.EventHub}), the activity
 * tracker behind the Worker's blocking detector ({@link mode.internal.Activities}), the
 * supervision hook ({@link mode.internal.CrashHandler}, {@link mode.internal.ServiceAccess}) and
 * the bridge from log lines to events ({@link mode.internal.LogEvents}).
 */
package mode.internal;
