/// Build-time helpers of the installers (the icon in each OS's format); the installers
/// themselves are made by `packaging/build-installers.sh`.
@NullMarked
package dev.gpufleet.packaging;

import org.jspecify.annotations.NullMarked;
