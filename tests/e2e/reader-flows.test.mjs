// The shared reader scenarios (tests/support/scenarios.mjs) in Chromium; Firefox runs the same ones
// in tests/e2e-firefox/.
import { readerSuite } from '../support/driver/suite.mjs';
import { launchChromium } from '../support/driver/chromium.mjs';

readerSuite(launchChromium);
