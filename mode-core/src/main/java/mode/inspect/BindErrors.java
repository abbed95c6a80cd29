package mode.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a failure to bind JSON to a message record into the rule the input broke ("field
 * 'protocol' must be an integer, got null"), in the protocol's words rather than the JSON
 * library's. Pure and thread-safe.
 */
final class BindErrors {

  private BindErrors() {}

  /** The rule {@code node} broke, as {@code error} found while binding it. */
  static String describe(JsonNode node, Throwable error) {
    if (error instanceof ValueInstantiationException vie && vie.getCause() != null) {
      return instantiation(vie.getCause());
    }
    if (error instanceof IllegalArgumentException iae && iae.getCause() instanceof Throwable cause) {
      return describe(node, cause);
    }
    if (error instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
      String field = path(mie);
      JsonNode value = node.at("/" + field.replace('.', '/'));
      String got = value.isMissingNode() ? "nothing (the field is missing)" : shortened(value.toString());
      return "field '" + field + "' must be " + expected(mie.getTargetType()) + ", got " + got;
    }
    return error instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : String.valueOf(error.getMessage());
  }

  private static String shortened(String json) {
    return json.length() <= 60 ? json : json.substring(0, 60) + "... (" + json.length() + " chars)";
  }

  /** A record's own check failed: its message names the field (requireNonNull) or the value. */
  private static String instantiation(Throwable cause) {
    if (cause instanceof NullPointerException && cause.getMessage() != null && !cause.getMessage().contains(" ")) {
      return "field '" + cause.getMessage() + "' is required, got nothing or null";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
        .collect(Collectors.joining("."));
  }

  /** What a field of {@code type} must hold, in words. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant (2026-11-28T05:12:15.084Z)";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration (PT0.012S)";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }
}
