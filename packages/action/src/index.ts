console.log("tunewise action");
