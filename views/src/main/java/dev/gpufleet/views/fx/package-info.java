/// Small JavaFX helpers shared by the views: subscriptions that live while a node is in a scene.
@NullMarked
package dev.gpufleet.views.fx;

import org.jspecify.annotations.NullMarked;
