package dev.gpufleet.views;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;

/// The console's light and dark looks: AtlantaFX Primer themes, which every gpufleet control
/// and stylesheet takes its colours from (`-color-*` looked-up colours).
public enum Theme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final atlantafx.base.theme.Theme atlantafx;

    Theme(atlantafx.base.theme.Theme atlantafx) {
        this.atlantafx = atlantafx;
    }

    /// The theme the application is styled with now, if it is one of these.
    public static Optional<Theme> current() {
        String applied = Application.getUserAgentStylesheet();
        for (Theme theme : values()) {
            if (theme.stylesheet().equals(applied)) {
                return Optional.of(theme);
            }
        }
        return Optional.empty();
    }

    /// The user-agent stylesheet of this theme (a classpath resource path).
    public String stylesheet() {
        return atlantafx.getUserAgentStylesheet();
    }

    public boolean isDark() {
        return atlantafx.isDarkMode();
    }

    /// The other theme.
    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /// Styles one scene (and the popups it opens, which copy its user-agent stylesheet).
    public void applyTo(Scene scene) {
        scene.setUserAgentStylesheet(stylesheet());
    }

    /// Styles every window of the application, dialogs included; call on the FX thread, e.g.
    /// in `Application.start` before the first stage shows.
    public void applyToApplication() {
        Application.setUserAgentStylesheet(stylesheet());
    }
}
