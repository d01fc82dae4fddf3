// The discrete-event engine.
