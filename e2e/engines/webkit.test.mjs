// The cross-engine suite (suite.mjs) in WebKitGTK (the engine family of Safari), on an Xvfb display, through WebDriver.
import { engineSuite } from './suite.mjs';

engineSuite('webkit');
