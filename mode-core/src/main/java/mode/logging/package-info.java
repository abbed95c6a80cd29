/**
 * Logging tools for service code: {@link mode.logging.FlightRecorder}, log lines that only appear
 * when a block of code hangs.
 */
package mode.logging;
