// Runs once the data scripts have loaded.
window.CBR.start();
