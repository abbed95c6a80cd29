package mode;

/**
 * The child JVM of {@code LoggingBackendsTest}: an application that runs services without a
 * Worker and never configured logging. Starts and stops a small tree, crashes one service, and
 * prints {@code done} on standard output.
 */
final class EmbeddedTree {
  private EmbeddedTree() {}

  static final class Parent extends Service {}

  static final class Child extends Service {}

  public static void main(String[] args) {
    Parent parent = new Parent();
    Child child = parent.addDependency(new Child());
    parent.start();
    child.crash(new IllegalStateException("disk full"));
    parent.stop();
    System.out.println("done");
  }
}
