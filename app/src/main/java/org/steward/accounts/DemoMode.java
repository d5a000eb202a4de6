package org.steward.accounts;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether this installation runs the demo district and whether its accounts are there yet: the server takes requests
 * while the demo loads, and the sign-in page says it is loading rather than showing a form nobody can sign in with.
 */
@Component
public class DemoMode {

    public enum State {
        /** Not a demo installation. */
        OFF,
        /** The demo district is being loaded (or about to be). */
        LOADING,
        /** Loaded, or there was nothing to load: the sign-in page lists its accounts. */
        READY,
        /** Loading stopped with an error; the server's log says why. */
        FAILED
    }

    private volatile State state;

    DemoMode(Environment environment) {
        this.state = environment.getProperty("steward.demo.enabled", Boolean.class, false) ? State.LOADING
                : State.OFF;
    }

    public State state() {
        return state;
    }

    public void ready() {
        if (state != State.OFF) {
            state = State.READY;
        }
    }

    public void failed() {
        if (state != State.OFF) {
            state = State.FAILED;
        }
    }
}
