/** An application that uses mode-core as a library. */
module mode.example.embed {
  requires mode.core;

  // The Worker reads @Service.Task and @Service.Timer methods reflectively.
  opens example.embed to mode.core;
}
