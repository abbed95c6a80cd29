/**
 * Queues for services that produce and consume values on different threads.
 *
 * <ul>
 *   <li>{@link mode.queues.FlowControl} pauses and resumes production into one or many queues at
 *       once (mode's {@code FlowControlEvent});
 *   <li>{@link mode.queues.FlowControlQueue} is a bounded or unbounded FIFO queue whose producers
 *       wait while its flow control is suspended, with optional clearing on resume and
 *       back-pressure callbacks;
 *   <li>{@link mode.queues.ThrowableQueue} is a flow-controlled queue that can also carry
 *       failures: a producer hands over a throwable and the next consumer receives it as a
 *       {@link mode.queues.QueueFailureException}.
 * </ul>
 *
 * <p>Everything here is thread-safe and written for virtual threads: waiting uses {@link
 * java.util.concurrent.locks.ReentrantLock} conditions (no {@code synchronized}), every blocking
 * call is interruptible, and callbacks never run while a lock of the queue is held.
 */
package mode.queues;
